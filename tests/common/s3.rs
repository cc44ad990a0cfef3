//! An S3-compatible server for the deploy tests, on loopback, inside the
//! test process: the `s3s` crate speaks the protocol (routing, XML, SigV4
//! signature checks against one access key), and [`Bucket`] keeps the
//! objects in memory with the headers they were uploaded with, MD5 ETags
//! in listings as S3 gives them, and counts of every request. Faults to
//! test against: answer the next uploads with `503 SlowDown`, stop the
//! whole server after a number of uploads, or give ETags that are not
//! MD5s (as after multipart uploads).

#![allow(dead_code)] // each test uses a different part

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use futures::TryStreamExt;
use s3s::dto::*;
use s3s::{S3, S3Request, S3Response, S3Result, s3_error};

/// The access key the server accepts.
pub const ACCESS_KEY: &str = "NEWSPRINTTESTKEY";
/// Its secret.
pub const SECRET_KEY: &str = "newsprint-test-secret";
/// The one bucket.
pub const BUCKET: &str = "digest-site";

/// An object as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// `Content-Type` it was uploaded with.
    pub content_type: Option<String>,
    /// `Cache-Control` it was uploaded with.
    pub cache_control: Option<String>,
    /// `Content-Encoding` it was uploaded with.
    pub content_encoding: Option<String>,
}

/// What the server has seen and what it is told to do.
#[derive(Debug, Default)]
pub struct State {
    /// Objects by key.
    pub objects: BTreeMap<String, Object>,
    /// Keys uploaded, in order of arrival.
    pub puts: Vec<String>,
    /// Keys deleted.
    pub deletes: Vec<String>,
    /// Keys read.
    pub gets: Vec<String>,
    /// List requests.
    pub lists: usize,
    /// Uploads to answer with 503 SlowDown before storing any.
    pub slow_down: usize,
    /// Stop the server when this many more uploads have been stored.
    pub stop_after: Option<usize>,
    /// Give ETags ending in `-1`, as multipart uploads have.
    pub multipart_etags: bool,
}

/// The in-memory bucket; clones share it.
#[derive(Debug, Clone, Default)]
pub struct Bucket {
    /// Shared state.
    pub state: Arc<Mutex<State>>,
    stop: Arc<tokio::sync::Notify>,
}

impl Bucket {
    /// Locks the state.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap()
    }

    /// Every key and its object.
    pub fn objects(&self) -> BTreeMap<String, Object> {
        self.lock().objects.clone()
    }

    /// Forgets the request counts.
    pub fn reset_counts(&self) {
        let mut state = self.lock();
        state.puts.clear();
        state.deletes.clear();
        state.gets.clear();
        state.lists = 0;
    }
}

fn md5_hex(bytes: &[u8]) -> String {
    <md5::Md5 as md5::Digest>::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl Bucket {
    fn etag(&self, bytes: &[u8]) -> ETag {
        if self.lock().multipart_etags {
            ETag::Strong(format!("{}-1", md5_hex(&md5_hex(bytes).into_bytes())))
        } else {
            ETag::Strong(md5_hex(bytes))
        }
    }

    fn check_bucket(name: &str) -> S3Result<()> {
        if name == BUCKET { Ok(()) } else { Err(s3_error!(NoSuchBucket)) }
    }
}

#[async_trait::async_trait]
impl S3 for Bucket {
    async fn list_objects_v2(&self, req: S3Request<ListObjectsV2Input>) -> S3Result<S3Response<ListObjectsV2Output>> {
        let input = req.input;
        Self::check_bucket(&input.bucket)?;
        let max = input.max_keys.unwrap_or(1000).clamp(1, 1000) as usize;
        let prefix = input.prefix.clone().unwrap_or_default();
        let after = input.continuation_token.clone().or(input.start_after.clone()).unwrap_or_default();
        let state = {
            let mut state = self.lock();
            state.lists += 1;
            state
                .objects
                .iter()
                .filter(|(k, _)| k.starts_with(&prefix) && k.as_str() > after.as_str())
                .map(|(k, o)| (k.clone(), o.bytes.clone()))
                .take(max + 1)
                .collect::<Vec<_>>()
        };
        let truncated = state.len() > max;
        let page = &state[..state.len().min(max)];
        let contents: Vec<Object_> = page
            .iter()
            .map(|(key, bytes)| Object_ {
                key: Some(key.clone()),
                size: Some(bytes.len() as i64),
                e_tag: Some(self.etag(bytes)),
                last_modified: Some(Timestamp::from(std::time::SystemTime::now())),
                ..Default::default()
            })
            .collect();
        let output = ListObjectsV2Output {
            name: Some(input.bucket),
            prefix: input.prefix,
            key_count: Some(contents.len() as i32),
            max_keys: Some(max as i32),
            is_truncated: Some(truncated),
            continuation_token: input.continuation_token,
            next_continuation_token: truncated.then(|| page.last().map(|(k, _)| k.clone())).flatten(),
            contents: Some(contents),
            ..Default::default()
        };
        Ok(S3Response::new(output))
    }

    async fn put_object(&self, req: S3Request<PutObjectInput>) -> S3Result<S3Response<PutObjectOutput>> {
        let input = req.input;
        Self::check_bucket(&input.bucket)?;
        {
            let mut state = self.lock();
            if state.slow_down > 0 {
                state.slow_down -= 1;
                return Err(s3_error!(SlowDown));
            }
        }
        let body = input.body.ok_or_else(|| s3_error!(IncompleteBody))?;
        let chunks: Vec<_> = body.try_collect().await.map_err(|_| s3_error!(IncompleteBody))?;
        let bytes: Vec<u8> = chunks.concat();
        let etag = self.etag(&bytes);
        let object = Object {
            bytes,
            content_type: input.content_type,
            cache_control: input.cache_control,
            content_encoding: input.content_encoding,
        };
        let stop = {
            let mut state = self.lock();
            state.objects.insert(input.key.clone(), object);
            state.puts.push(input.key);
            match &mut state.stop_after {
                Some(0) => true,
                Some(n) => {
                    *n -= 1;
                    *n == 0
                }
                None => false,
            }
        };
        if stop {
            // The server goes away with this answer unsent, as when it is killed.
            self.stop.notify_one();
            std::future::pending::<()>().await;
        }
        Ok(S3Response::new(PutObjectOutput { e_tag: Some(etag), ..Default::default() }))
    }

    async fn get_object(&self, req: S3Request<GetObjectInput>) -> S3Result<S3Response<GetObjectOutput>> {
        let input = req.input;
        Self::check_bucket(&input.bucket)?;
        let object = {
            let mut state = self.lock();
            state.gets.push(input.key.clone());
            state.objects.get(&input.key).cloned()
        };
        let object = object.ok_or_else(|| s3_error!(NoSuchKey))?;
        let output = GetObjectOutput {
            content_length: Some(object.bytes.len() as i64),
            e_tag: Some(self.etag(&object.bytes)),
            content_type: object.content_type,
            cache_control: object.cache_control,
            content_encoding: object.content_encoding,
            body: Some(StreamingBlob::from(s3s::Body::from(object.bytes))),
            ..Default::default()
        };
        Ok(S3Response::new(output))
    }

    async fn head_object(&self, req: S3Request<HeadObjectInput>) -> S3Result<S3Response<HeadObjectOutput>> {
        let input = req.input;
        Self::check_bucket(&input.bucket)?;
        let object = self.lock().objects.get(&input.key).cloned().ok_or_else(|| s3_error!(NoSuchKey))?;
        let output = HeadObjectOutput {
            content_length: Some(object.bytes.len() as i64),
            e_tag: Some(self.etag(&object.bytes)),
            content_type: object.content_type,
            cache_control: object.cache_control,
            content_encoding: object.content_encoding,
            ..Default::default()
        };
        Ok(S3Response::new(output))
    }

    async fn delete_object(&self, req: S3Request<DeleteObjectInput>) -> S3Result<S3Response<DeleteObjectOutput>> {
        let input = req.input;
        Self::check_bucket(&input.bucket)?;
        let mut state = self.lock();
        state.objects.remove(&input.key);
        state.deletes.push(input.key);
        Ok(S3Response::new(DeleteObjectOutput::default()))
    }

    async fn delete_objects(&self, req: S3Request<DeleteObjectsInput>) -> S3Result<S3Response<DeleteObjectsOutput>> {
        let input = req.input;
        Self::check_bucket(&input.bucket)?;
        let mut state = self.lock();
        let mut deleted = Vec::new();
        for id in input.delete.objects {
            state.objects.remove(&id.key);
            state.deletes.push(id.key.clone());
            deleted.push(DeletedObject { key: Some(id.key), ..Default::default() });
        }
        Ok(S3Response::new(DeleteObjectsOutput { deleted: Some(deleted), ..Default::default() }))
    }
}

/// `Object` of the S3 listing, named apart from the stored [`Object`].
type Object_ = s3s::dto::Object;

/// The server, listening on 127.0.0.1 until stopped or dropped.
pub struct Server {
    /// Where it listens.
    pub addr: SocketAddr,
    /// What it stores.
    pub bucket: Bucket,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Server {
    /// Starts a server on a free loopback port with an empty bucket.
    pub fn start() -> Server {
        Server::start_with(Bucket::default())
    }

    /// Starts a server on a free loopback port over an existing bucket.
    pub fn start_with(bucket: Bucket) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let service = {
            let mut builder = s3s::service::S3ServiceBuilder::new(bucket.clone());
            builder.set_auth(s3s::auth::SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
            builder.build()
        };
        let stop = Arc::clone(&bucket.stop);
        runtime.spawn(async move {
            let mut connections = tokio::task::JoinSet::new();
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((socket, _)) = accepted else { continue };
                        let service = service.clone();
                        connections.spawn(async move {
                            let http = hyper_util::server::conn::auto::Builder::new(hyper_util::rt::TokioExecutor::new());
                            let _ = http.serve_connection(hyper_util::rt::TokioIo::new(socket), service).await;
                        });
                    }
                    () = stop.notified() => break,
                }
            }
            // Killed: the port closes and open connections drop mid-request.
            drop(listener);
            connections.abort_all();
            while connections.join_next().await.is_some() {}
        });
        Server { addr, bucket, runtime: Some(runtime) }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
