//! Pictures and files residents attach: what is accepted (JPEG, PNG and WebP pictures, PDF
//! documents, decided from the bytes, never from the name alone) and how a picture is made
//! safe to show: decoded, turned upright, resized and encoded again, which leaves every piece
//! of metadata (EXIF, GPS position, camera) behind.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The largest file accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The longest side of a picture as shown on a page, and of its thumbnail, in pixels.
pub const DISPLAY_SIDE: u32 = 1600;
pub const THUMBNAIL_SIDE: u32 = 400;
/// Pictures larger than this (in pixels per side) are refused before they are decoded.
const MAX_SIDE: u32 = 12_000;
/// Memory a picture may take while decoded.
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Jpeg,
    Png,
    Webp,
    Pdf,
}

impl FileKind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Pdf => "application/pdf",
        }
    }

    pub fn is_picture(self) -> bool {
        self != Self::Pdf
    }

    /// What the first bytes of a file say it is.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else {
            None
        }
    }

    /// What a file name's extension claims; `Err` for an extension of any other kind.
    fn claimed_by_name(file_name: &str) -> Result<Option<Self>, Refusal> {
        let Some((_, extension)) = file_name.rsplit_once('.') else {
            return Ok(None);
        };
        match extension.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Ok(Some(Self::Jpeg)),
            "png" => Ok(Some(Self::Png)),
            "webp" => Ok(Some(Self::Webp)),
            "pdf" => Ok(Some(Self::Pdf)),
            _ => Err(Refusal::NotAccepted),
        }
    }

    fn claimed_by_type(content_type: &str) -> Result<Option<Self>, Refusal> {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        match essence.to_ascii_lowercase().as_str() {
            "" | "application/octet-stream" => Ok(None),
            "image/jpeg" | "image/jpg" => Ok(Some(Self::Jpeg)),
            "image/png" => Ok(Some(Self::Png)),
            "image/webp" => Ok(Some(Self::Webp)),
            "application/pdf" => Ok(Some(Self::Pdf)),
            _ => Err(Refusal::NotAccepted),
        }
    }

    fn image_format(self) -> Option<ImageFormat> {
        match self {
            Self::Jpeg => Some(ImageFormat::Jpeg),
            Self::Png => Some(ImageFormat::Png),
            Self::Webp => Some(ImageFormat::WebP),
            Self::Pdf => None,
        }
    }
}

/// Why a file is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    TooLarge,
    /// Not a JPEG, PNG, WebP or PDF (an SVG or a web page, say).
    NotAccepted,
    /// The name or the declared type says one kind, the bytes another.
    Disguised,
    /// It starts like a picture but cannot be read as one (or is too large to decode).
    Unreadable,
}

/// The kind of an uploaded file, from its bytes; its name and declared type, when they say
/// anything, must agree.
pub fn identify(bytes: &[u8], file_name: &str, content_type: &str) -> Result<FileKind, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(Refusal::TooLarge);
    }
    let by_name = FileKind::claimed_by_name(file_name)?;
    let by_type = FileKind::claimed_by_type(content_type)?;
    let actual = FileKind::sniff(bytes).ok_or(Refusal::NotAccepted)?;
    if [by_name, by_type]
        .into_iter()
        .flatten()
        .any(|claimed| claimed != actual)
    {
        return Err(Refusal::Disguised);
    }
    Ok(actual)
}

/// A picture made safe to show, in two sizes.
pub struct Picture {
    pub display: Vec<u8>,
    pub thumbnail: Vec<u8>,
    /// JPEG, or PNG for a picture with transparency.
    pub kind: FileKind,
    pub width: u32,
    pub height: u32,
}

/// Decodes a picture within limits, turns it upright as its camera recorded, and encodes it
/// again at display and thumbnail size; nothing of the original file but its pixels remains.
pub fn reencode(bytes: &[u8], kind: FileKind) -> Result<Picture, Refusal> {
    let format = kind.image_format().ok_or(Refusal::NotAccepted)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| Refusal::Unreadable)?;
    let orientation = decoder.orientation().map_err(|_| Refusal::Unreadable)?;
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| Refusal::Unreadable)?;
    picture.apply_orientation(orientation);
    let display = fit(picture, DISPLAY_SIDE);
    let thumbnail = fit(display.clone(), THUMBNAIL_SIDE);
    let transparent = display.color().has_alpha();
    let encode = |picture: &DynamicImage| -> Result<Vec<u8>, Refusal> {
        let mut out = Vec::new();
        if transparent {
            picture
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|_| Refusal::Unreadable)?;
        } else {
            JpegEncoder::new_with_quality(&mut out, 85)
                .encode_image(&picture.to_rgb8())
                .map_err(|_| Refusal::Unreadable)?;
        }
        Ok(out)
    };
    Ok(Picture {
        display: encode(&display)?,
        thumbnail: encode(&thumbnail)?,
        kind: if transparent {
            FileKind::Png
        } else {
            FileKind::Jpeg
        },
        width: display.width(),
        height: display.height(),
    })
}

fn fit(picture: DynamicImage, side: u32) -> DynamicImage {
    if picture.width() <= side && picture.height() <= side {
        picture
    } else {
        picture.resize(side, side, FilterType::Triangle)
    }
}

/// A file name safe to offer in a download: letters, digits, dots, dashes and underscores,
/// at most 100 characters, never empty.
pub fn safe_file_name(name: &str, kind: FileKind) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let cleaned = cleaned.trim_start_matches('.');
    if cleaned.is_empty() {
        let extension = kind.content_type().rsplit('/').next().unwrap_or("bin");
        format!("file.{extension}")
    } else {
        cleaned.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        DynamicImage::new_rgb8(width, height)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn the_bytes_decide_and_a_disguise_is_refused() {
        let picture = png(4, 3);
        assert_eq!(
            identify(&picture, "plein.png", "image/png"),
            Ok(FileKind::Png)
        );
        assert_eq!(identify(&picture, "plein", ""), Ok(FileKind::Png));
        assert_eq!(identify(&picture, "plan.pdf", ""), Err(Refusal::Disguised));
        assert_eq!(
            identify(&picture, "plein.png", "application/pdf"),
            Err(Refusal::Disguised)
        );
        let page = b"<!doctype html><script>alert(1)</script>";
        assert_eq!(
            identify(page, "foto.jpg", "image/jpeg"),
            Err(Refusal::NotAccepted)
        );
        let drawing = b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(identify(drawing, "logo.svg", ""), Err(Refusal::NotAccepted));
        assert_eq!(
            identify(&picture, "logo.svg", ""),
            Err(Refusal::NotAccepted)
        );
        assert_eq!(identify(b"%PDF-1.7\n", "plan.pdf", ""), Ok(FileKind::Pdf));
        assert_eq!(identify(b"", "leeg.pdf", ""), Err(Refusal::Empty));
    }

    #[test]
    fn a_large_picture_is_shrunk_to_display_and_thumbnail_size() {
        let picture = reencode(&png(3200, 800), FileKind::Png).unwrap();
        assert_eq!((picture.width, picture.height), (1600, 400));
        assert_eq!(picture.kind, FileKind::Jpeg);
        let thumbnail = image::load_from_memory(&picture.thumbnail).unwrap();
        assert_eq!((thumbnail.width(), thumbnail.height()), (400, 100));
    }

    #[test]
    fn a_picture_that_does_not_decode_is_refused() {
        let mut broken = png(10, 10);
        broken.truncate(40);
        assert_eq!(
            reencode(&broken, FileKind::Png).err(),
            Some(Refusal::Unreadable)
        );
    }

    #[test]
    fn file_names_lose_their_folders_and_odd_characters() {
        assert_eq!(
            safe_file_name("../../etc/pa ss.pdf", FileKind::Pdf),
            "pa_ss.pdf"
        );
        assert_eq!(safe_file_name("..", FileKind::Pdf), "file.pdf");
        assert_eq!(
            safe_file_name("C:\\foto's\\plein.jpg", FileKind::Jpeg),
            "plein.jpg"
        );
    }
}
