//! Pictures and files over HTTP: a JPEG's GPS position never comes back, a disguised or
//! runnable file is refused, a PDF is only ever a download, files go with what they belong
//! to, and the same works on S3-compatible storage.

use std::io::Cursor;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::helpers::{Account, Reply, TestApp, spawn_app, spawn_app_with};
use crate::proposals::{resident_of, setting, submitted_proposal};

/// A JPEG photo as a phone makes it: with an EXIF block that holds where it was taken.
pub fn jpeg_with_gps() -> Vec<u8> {
    let mut photo = Vec::new();
    image::DynamicImage::new_rgb8(64, 48)
        .write_to(&mut Cursor::new(&mut photo), image::ImageFormat::Jpeg)
        .unwrap();
    let mut tiff: Vec<u8> = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
    // IFD0: one entry, GPSInfo (0x8825) pointing at the GPS IFD at offset 26.
    tiff.extend([1, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0]);
    // GPS IFD: latitude reference "N" and latitude as three rationals at offset 56.
    tiff.extend([2, 0, 1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend([2, 0, 5, 0, 3, 0, 0, 0, 56, 0, 0, 0, 0, 0, 0, 0]);
    for (numerator, denominator) in [(51u32, 1u32), (3, 1), (1234, 100)] {
        tiff.extend(numerator.to_le_bytes());
        tiff.extend(denominator.to_le_bytes());
    }
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(u16::try_from(2 + 6 + tiff.len()).unwrap().to_be_bytes());
    segment.extend(b"Exif\0\0");
    segment.extend(tiff);
    let mut with_exif = photo[..2].to_vec();
    with_exif.extend(segment);
    with_exif.extend(&photo[2..]);
    with_exif
}

const GPS_LATITUDE: [u8; 8] = [51, 0, 0, 0, 1, 0, 0, 0];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn png_bytes() -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgba8(20, 10)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

pub async fn upload(
    app: &TestApp,
    who: &Account,
    path: &str,
    (bytes, file_name, content_type): (Vec<u8>, &str, &str),
) -> Reply {
    let part = Part::bytes(bytes)
        .file_name(file_name.to_string())
        .mime_str(content_type)
        .unwrap();
    let form = Form::new()
        .part("file", part)
        .text("alt_text", "De hoek van het plein");
    app.send(
        app.client
            .post(app.url(path))
            .bearer_auth(&who.token)
            .multipart(form),
    )
    .await
}

async fn fetch(app: &TestApp, path: &str, who: Option<&Account>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(who) = who {
        request = request.bearer_auth(&who.token);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn an_uploaded_jpeg_comes_back_without_its_gps_position() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Plein", 300_000).await;
    let photo = jpeg_with_gps();
    assert!(contains(&photo, b"Exif") && contains(&photo, &GPS_LATITUDE));

    let sent = upload(
        &app,
        &author,
        &format!("/api/v1/proposals/{id}/attachments"),
        (photo, "IMG_0001.JPG", "image/jpeg"),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.text);
    let file = sent.json();
    assert_eq!(file["content_type"], "image/jpeg");
    assert_eq!(
        (file["width"].as_i64(), file["height"].as_i64()),
        (Some(64), Some(48))
    );
    assert_eq!(file["alt_text"], "De hoek van het plein");
    assert_eq!(file["file_name"], "IMG_0001.JPG");

    let served = fetch(&app, file["url"].as_str().unwrap(), None).await;
    assert_eq!(
        served.status(),
        200,
        "anyone who sees the proposal sees its pictures"
    );
    let headers = served.headers().clone();
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    let bytes = served.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert!(!contains(&bytes, b"Exif"), "the EXIF block is gone");
    assert!(!contains(&bytes, &GPS_LATITUDE), "the position is gone");
    let thumbnail = fetch(&app, file["thumbnail_url"].as_str().unwrap(), None).await;
    assert_eq!(thumbnail.status(), 200);

    let listed = app
        .get(&format!("/api/v1/proposals/{id}/attachments"), None)
        .await;
    assert_eq!(listed.json().as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_png_named_pdf_an_html_page_named_jpg_and_an_svg_are_refused() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Plein", 300_000).await;
    let path = format!("/api/v1/proposals/{id}/attachments");

    let disguised = upload(
        &app,
        &author,
        &path,
        (png_bytes(), "plan.pdf", "application/pdf"),
    )
    .await;
    disguised.assert_problem(422, "validation_failed");
    assert_eq!(disguised.error_fields(), vec!["file"]);
    let page = b"<!doctype html><html><script>alert(document.cookie)</script></html>".to_vec();
    upload(&app, &author, &path, (page, "foto.jpg", "image/jpeg"))
        .await
        .assert_problem(415, "unsupported_media_type");
    let drawing = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec();
    upload(&app, &author, &path, (drawing, "logo.svg", "image/svg+xml"))
        .await
        .assert_problem(415, "unsupported_media_type");
    let mut broken = png_bytes();
    broken.truncate(30);
    upload(&app, &author, &path, (broken, "kapot.png", "image/png"))
        .await
        .assert_problem(422, "validation_failed");
    let huge = vec![0xFF; 10 * 1024 * 1024 + 10_000];
    upload(&app, &author, &path, (huge, "groot.jpg", "image/jpeg"))
        .await
        .assert_problem(413, "payload_too_large");
    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    upload(
        &app,
        &neighbour,
        &path,
        (png_bytes(), "mijn.png", "image/png"),
    )
    .await
    .assert_problem(403, "forbidden");
    let listed = app
        .get(&format!("/api/v1/proposals/{id}/attachments"), None)
        .await;
    assert_eq!(listed.json(), json!([]), "nothing refused was kept");
}

#[tokio::test]
async fn a_pdf_is_only_a_download_and_only_its_uploader_or_a_moderator_removes_it() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Plein", 300_000).await;
    let pdf =
        b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n".to_vec();
    let sent = upload(
        &app,
        &author,
        &format!("/api/v1/proposals/{id}/attachments"),
        (
            pdf.clone(),
            "../../plan van het plein.pdf",
            "application/pdf",
        ),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.text);
    let file: Value = sent.json();
    assert_eq!(file["file_name"], "plan_van_het_plein.pdf");
    assert!(file["thumbnail_url"].is_null());
    let url = file["url"].as_str().unwrap().to_string();
    let served = fetch(&app, &url, None).await;
    let headers = served.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"plan_van_het_plein.pdf\"")
    );
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(served.bytes().await.unwrap().to_vec(), pdf);

    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    app.delete(&url, Some(&neighbour.token))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(app.delete(&url, Some(&author.token)).await.status, 204);
    assert_eq!(fetch(&app, &url, None).await.status(), 404);
    let stored = walk(&app.data_dir.join("files"));
    assert!(stored.is_empty(), "the bytes are deleted too: {stored:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    entries
        .filter_map(Result::ok)
        .flat_map(|e| {
            if e.path().is_dir() {
                walk(&e.path())
            } else {
                vec![e.path()]
            }
        })
        .collect()
}

#[tokio::test]
async fn a_comment_s_files_are_its_author_s_and_go_with_it() {
    let app = spawn_app().await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Plein", 300_000).await;
    let neighbour = resident_of(&app, &s.admin, "Buur", s.north).await;
    let comment = app
        .post(
            &format!("/api/v1/proposals/{id}/comments"),
            &json!({"body": "Zo ziet het er nu uit."}),
            Some(&neighbour.token),
        )
        .await
        .json();
    let path = format!("/api/v1/comments/{}/attachments", comment["id"]);
    upload(&app, &author, &path, (png_bytes(), "niet.png", "image/png"))
        .await
        .assert_problem(403, "forbidden");
    let sent = upload(
        &app,
        &neighbour,
        &path,
        (png_bytes(), "nu.png", "image/png"),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.text);
    let file = sent.json();
    assert_eq!(file["comment_id"], comment["id"]);
    assert_eq!(file["content_type"], "image/png", "transparency stays PNG");
    for _ in 0..2 {
        upload(
            &app,
            &neighbour,
            &path,
            (png_bytes(), "nog.png", "image/png"),
        )
        .await;
    }
    upload(
        &app,
        &neighbour,
        &path,
        (png_bytes(), "teveel.png", "image/png"),
    )
    .await
    .assert_problem(409, "conflict");

    let url = file["url"].as_str().unwrap();
    assert_eq!(fetch(&app, url, None).await.status(), 200);
    let removed = app
        .delete(
            &format!("/api/v1/comments/{}", comment["id"]),
            Some(&neighbour.token),
        )
        .await;
    assert!(removed.status < 300, "{}", removed.text);
    assert_eq!(fetch(&app, url, None).await.status(), 404);
}

/// An S3-compatible server (moto's) on a free port, when one is installed; `None` (and the
/// test says so) when not.
fn s3_server() -> Option<(std::process::Child, String)> {
    let candidates = [
        std::env::var("MOTO_SERVER").unwrap_or_default(),
        format!(
            "{}/.cache/wijkbudget-s3/bin/moto_server",
            std::env::var("HOME").unwrap_or_default()
        ),
        "moto_server".into(),
    ];
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    for program in candidates.iter().filter(|c| !c.is_empty()) {
        let started = std::process::Command::new(program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if let Ok(child) = started {
            return Some((child, format!("http://127.0.0.1:{port}")));
        }
    }
    None
}

struct Stop(std::process::Child);

impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn pictures_are_kept_in_s3_compatible_storage() {
    let Some((child, endpoint)) = s3_server() else {
        eprintln!("SKIPPED: no S3-compatible server (pip install 'moto[server]'; .ci/run does)");
        return;
    };
    let _stop = Stop(child);
    let client = reqwest::Client::new();
    let mut ready = false;
    for _ in 0..100 {
        if let Ok(made) = client.put(format!("{endpoint}/wijkbudget")).send().await
            && made.status().is_success()
        {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "the S3 server at {endpoint} did not start");
    let app = spawn_app_with(|c| {
        c.storage = wijkbudget::storage::Storage::S3 {
            bucket: "wijkbudget".into(),
            endpoint: Some(endpoint.clone()),
            region: "us-east-1".into(),
            access_key_id: Some("test".into()),
            secret_access_key: Some("test".into()),
        }
    })
    .await;
    let s = setting(&app).await;
    let author = resident_of(&app, &s.admin, "Auteur", s.north).await;
    let id = submitted_proposal(&app, &author, s.edition, s.north, "Plein", 300_000).await;
    let sent = upload(
        &app,
        &author,
        &format!("/api/v1/proposals/{id}/attachments"),
        (jpeg_with_gps(), "plein.jpg", "image/jpeg"),
    )
    .await;
    assert_eq!(sent.status, 201, "{}", sent.text);
    let url = sent.json()["url"].as_str().unwrap().to_string();
    let bytes = fetch(&app, &url, None).await.bytes().await.unwrap();
    assert!(bytes.starts_with(&[0xFF, 0xD8]) && !contains(&bytes, &GPS_LATITUDE));
    let listing = client
        .get(format!("{endpoint}/wijkbudget?list-type=2"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(listing.contains("attachments/"), "{listing}");
    assert!(
        walk(&app.data_dir.join("files")).is_empty(),
        "nothing on local disk"
    );
    assert_eq!(app.delete(&url, Some(&author.token)).await.status, 204);
}
