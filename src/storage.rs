//! Where uploaded files live: a folder under `DATA_DIR` by default, or S3-compatible object
//! storage when several servers share the files; both behind `object_store`'s one interface.

use std::path::PathBuf;
use std::sync::Arc;

use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

/// Where the files go, as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Storage {
    /// A folder on this machine.
    Local(PathBuf),
    /// A bucket of an S3-compatible service.
    S3 {
        bucket: String,
        /// The service's address; the provider's own when absent.
        endpoint: Option<String>,
        region: String,
        access_key_id: Option<String>,
        secret_access_key: Option<String>,
    },
}

/// The files, wherever they are kept.
#[derive(Clone, Debug)]
pub struct FileStore(Arc<dyn ObjectStore>);

impl FileStore {
    pub fn open(storage: &Storage) -> Result<Self, String> {
        let store: Arc<dyn ObjectStore> = match storage {
            Storage::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    format!("setting STORAGE_URL: cannot create {}: {e}", dir.display())
                })?;
                Arc::new(LocalFileSystem::new_with_prefix(dir).map_err(|e| e.to_string())?)
            }
            Storage::S3 {
                bucket,
                endpoint,
                region,
                access_key_id,
                secret_access_key,
            } => {
                let mut builder = AmazonS3Builder::new()
                    .with_bucket_name(bucket)
                    .with_region(region);
                if let Some(endpoint) = endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"))
                        .with_virtual_hosted_style_request(false);
                }
                if let (Some(key), Some(secret)) = (access_key_id, secret_access_key) {
                    builder = builder
                        .with_access_key_id(key)
                        .with_secret_access_key(secret);
                }
                Arc::new(
                    builder
                        .build()
                        .map_err(|e| format!("setting STORAGE_URL: {e}"))?,
                )
            }
        };
        Ok(Self(store))
    }

    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), String> {
        self.0
            .put(&Path::from(key), PutPayload::from(bytes))
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// The file's bytes; `None` when there is no such file.
    pub async fn get(&self, key: &str) -> Result<Option<bytes::Bytes>, String> {
        match self.0.get(&Path::from(key)).await {
            Ok(found) => found.bytes().await.map(Some).map_err(|e| e.to_string()),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    /// Removes a file; removing one that is gone already is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), String> {
        match self.0.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}
