//! The bucket, through Apache Arrow's `object_store` client (which signs
//! requests, retries throttled and failed ones with backoff, and lists in
//! pages): list the target's folder, upload with headers, read, delete.
//! Its errors become sentences naming the endpoint and the target.

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as Key;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions, RetryConfig,
};

use super::credentials::{Credentials, Environment};
use super::headers::Headers;
use super::plan::RemoteObject;
use crate::config::Target;
use crate::error::{Error, Result};

/// A request that gets no answer within this long is tried again.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// An endpoint that does not accept a connection within this long is
/// tried again.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Tries after the first, for throttling (429, 503 SlowDown), server errors
/// (5xx) and failed connections, waiting 0.2 s, 0.4 s … up to 5 s between.
const RETRIES: usize = 4;

/// A target's bucket, ready for requests.
pub struct Remote {
    store: AmazonS3,
    /// The target's folder in the bucket.
    prefix: String,
    /// The service's address, for messages.
    pub endpoint: String,
    /// The target's name, for messages.
    pub target: String,
}

impl Remote {
    /// Sets up the client for a target (no request is made yet).
    pub fn connect(target: &Target, env: &Environment) -> Result<Remote> {
        let (credentials, profile_region) = super::credentials::find(env, target.profile.as_deref())?;
        let region = target
            .region
            .clone()
            .or_else(|| env.var("AWS_REGION").map(str::to_string))
            .or_else(|| env.var("AWS_DEFAULT_REGION").map(str::to_string))
            .or(profile_region)
            .unwrap_or_else(|| "us-east-1".to_string());
        let endpoint = target.endpoint.clone().unwrap_or_else(|| format!("https://s3.{region}.amazonaws.com"));
        let options = ClientOptions::new()
            .with_timeout(REQUEST_TIMEOUT)
            .with_connect_timeout(CONNECT_TIMEOUT)
            .with_allow_http(endpoint.starts_with("http://"));
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(200),
                max_backoff: Duration::from_secs(5),
                base: 2.0,
            },
            max_retries: RETRIES,
            retry_timeout: Duration::from_secs(120),
        };
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&target.bucket)
            .with_region(&region)
            .with_client_options(options)
            .with_retry(retry);
        if let Some(endpoint) = &target.endpoint {
            builder = builder.with_endpoint(endpoint).with_virtual_hosted_style_request(false);
        }
        builder = match credentials {
            Credentials::Keys { access_key_id, secret_access_key, session_token, .. } => {
                let builder = builder.with_access_key_id(access_key_id).with_secret_access_key(secret_access_key);
                match session_token {
                    Some(token) => builder.with_token(token),
                    None => builder,
                }
            }
            Credentials::Exchanged(vars) => vars.into_iter().fold(builder, |b, (name, value)| {
                match name.to_ascii_lowercase().parse::<AmazonS3ConfigKey>() {
                    Ok(key) => b.with_config(key, value),
                    Err(_) => b,
                }
            }),
        };
        let store = builder.build().map_err(|e| {
            Error::Remote(format!("cannot set up the storage client for target `{}`: {e}", target.name))
        })?;
        Ok(Remote { store, prefix: target.prefix.clone(), endpoint, target: target.name.clone() })
    }

    fn key(&self, path: &str) -> Result<Key> {
        let full = if self.prefix.is_empty() { path.to_string() } else { format!("{}/{path}", self.prefix) };
        Key::parse(&full).map_err(|e| Error::Deploy(format!("{path}: cannot be an object name ({e}); rename it")))
    }

    /// Every object under the target's folder.
    pub async fn list(&self) -> Result<Vec<RemoteObject>> {
        let prefix = (!self.prefix.is_empty()).then(|| Key::from(self.prefix.as_str()));
        let strip = if self.prefix.is_empty() { String::new() } else { format!("{}/", self.prefix) };
        let listed: Vec<object_store::ObjectMeta> =
            self.store.list(prefix.as_ref()).try_collect().await.map_err(|e| self.explain(e, "list the bucket"))?;
        Ok(listed
            .into_iter()
            .filter_map(|meta| {
                let path = meta.location.as_ref().strip_prefix(strip.as_str())?.to_string();
                let etag = meta.e_tag.map(|e| e.trim_start_matches("W/").trim_matches('"').to_string());
                (!path.is_empty()).then_some(RemoteObject { path, size: meta.size, etag })
            })
            .collect())
    }

    /// Uploads one file with its headers.
    pub async fn put(&self, path: &str, bytes: Vec<u8>, headers: &Headers) -> Result<()> {
        let key = self.key(path)?;
        let mut attributes = Attributes::new();
        attributes.insert(Attribute::CacheControl, headers.cache_control.clone().into());
        attributes.insert(Attribute::ContentType, headers.content_type.clone().into());
        if let Some(encoding) = headers.content_encoding {
            attributes.insert(Attribute::ContentEncoding, encoding.header().into());
        }
        let options = PutOptions { attributes, ..Default::default() };
        self.store
            .put_opts(&key, bytes.into(), options)
            .await
            .map_err(|e| self.explain(e, &format!("upload {path}")))?;
        Ok(())
    }

    /// The bytes of one object.
    pub async fn get(&self, path: &str) -> Result<Vec<u8>> {
        let key = self.key(path)?;
        let read = async { self.store.get(&key).await?.bytes().await };
        Ok(read.await.map_err(|e| self.explain(e, &format!("read {path}")))?.to_vec())
    }

    /// Deletes objects (in batches where the service takes them), calling
    /// `done` after each.
    pub async fn delete(&self, paths: &[String], done: impl Fn()) -> Result<()> {
        let keys: Vec<Key> = paths.iter().map(|p| self.key(p)).collect::<Result<_>>()?;
        let mut deleted = self.store.delete_stream(futures::stream::iter(keys.into_iter().map(Ok)).boxed());
        while let Some(result) = deleted.next().await {
            result.map_err(|e| self.explain(e, "delete files"))?;
            done();
        }
        Ok(())
    }

    /// A sentence for an editor: what failed, where, and the cause the
    /// client found at the bottom of its error.
    fn explain(&self, error: object_store::Error, doing: &str) -> Error {
        let (endpoint, target) = (&self.endpoint, &self.target);
        let cause = root_cause(&error);
        let message = match &error {
            object_store::Error::PermissionDenied { .. } | object_store::Error::Unauthenticated { .. } => format!(
                "the storage service at {endpoint} refused to {doing} for target `{target}`: check the credentials and \
                 that they may write to the bucket ({cause})"
            ),
            object_store::Error::NotFound { .. } => {
                format!("cannot {doing} for target `{target}`: the bucket does not exist at {endpoint} ({cause})")
            }
            _ if unreachable(&error) => {
                format!(
                    "cannot reach {endpoint} to {doing} for target `{target}`: {cause} (tried {} times)",
                    RETRIES + 1
                )
            }
            _ => format!("cannot {doing} for target `{target}` at {endpoint}: {cause}"),
        };
        Error::Remote(message)
    }
}

/// Whether the failure was in reaching the service at all.
fn unreachable(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionRefused
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::TimedOut
                    | std::io::ErrorKind::HostUnreachable
                    | std::io::ErrorKind::NetworkUnreachable
            );
        }
        let text = e.to_string();
        if text.contains("dns error") || text.contains("operation timed out") || text.contains("connection closed") {
            return true;
        }
        source = e.source();
    }
    false
}

/// The innermost error's words, which say what actually happened
/// ("Connection refused", "dns error: …"), or the service's message.
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    if let Some(io) = last.downcast_ref::<std::io::Error>() {
        return match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the connection was refused".to_string(),
            std::io::ErrorKind::TimedOut => "no answer in time".to_string(),
            _ => io.to_string(),
        };
    }
    let text = last.to_string();
    text.lines().next().unwrap_or_default().to_string()
}
