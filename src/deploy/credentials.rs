//! Where a deploy's credentials come from: the environment and the standard
//! AWS files (`~/.aws/credentials`, `~/.aws/config`), never site.toml.
//!
//! In order: the target's `profile`, when it names one; else
//! `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with
//! `AWS_SESSION_TOKEN`); else the profile `AWS_PROFILE` names, or
//! `default`; else a web identity token (`AWS_WEB_IDENTITY_TOKEN_FILE` with
//! `AWS_ROLE_ARN`, as CI services hand out) or container credentials
//! (`AWS_CONTAINER_CREDENTIALS_*`), which the storage client exchanges
//! itself. Profiles that sign in through SSO, assume a role or run a
//! credential process are not read: their keys can be exported first.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::{Error, Result};

/// The environment variables and home folder a deploy reads credentials
/// from: the process's own, or given (tests run many deploys in one process).
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// Variables by name.
    pub vars: BTreeMap<String, String>,
    /// The user's home folder, where `.aws/` is.
    pub home: Option<PathBuf>,
}

impl Environment {
    /// This process's environment.
    pub fn from_process() -> Environment {
        let vars = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .filter(|(k, _)| k.starts_with("AWS_"))
            .collect();
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from);
        Environment { vars, home }
    }

    /// A variable, when set and not empty.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    fn file(&self, variable: &str, default: &str) -> Option<PathBuf> {
        match self.var(variable) {
            Some(path) => Some(PathBuf::from(path)),
            None => self.home.as_ref().map(|home| home.join(".aws").join(default)),
        }
    }
}

/// Credentials found for a deploy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// An access key, with a session token for temporary ones.
    Keys {
        /// `AWS_ACCESS_KEY_ID`.
        access_key_id: String,
        /// `AWS_SECRET_ACCESS_KEY`.
        secret_access_key: String,
        /// `AWS_SESSION_TOKEN`.
        session_token: Option<String>,
        /// Where they were found, for messages.
        from: String,
    },
    /// A web identity token or container credentials, which the storage
    /// client exchanges for keys: these variables.
    Exchanged(Vec<(String, String)>),
}

/// Variables the storage client reads to exchange a token for keys.
const EXCHANGED: [&str; 7] = [
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/// The credentials and the region of the profile used, if it names one.
pub fn find(env: &Environment, target_profile: Option<&str>) -> Result<(Credentials, Option<String>)> {
    if let Some(name) = target_profile {
        return match profile(env, name)? {
            Some(found) => Ok(found),
            None => Err(Error::Credentials(format!(
                "the deploy target's profile `{name}` is in neither {} nor {}",
                shown(env.file("AWS_SHARED_CREDENTIALS_FILE", "credentials")),
                shown(env.file("AWS_CONFIG_FILE", "config")),
            ))),
        };
    }
    if let (Some(key), Some(secret)) = (env.var("AWS_ACCESS_KEY_ID"), env.var("AWS_SECRET_ACCESS_KEY")) {
        let keys = Credentials::Keys {
            access_key_id: key.to_string(),
            secret_access_key: secret.to_string(),
            session_token: env.var("AWS_SESSION_TOKEN").map(str::to_string),
            from: "the environment".into(),
        };
        return Ok((keys, None));
    }
    let name = env.var("AWS_PROFILE").unwrap_or("default");
    if let Some(found) = profile(env, name)? {
        return Ok(found);
    }
    let exchanged: Vec<(String, String)> =
        EXCHANGED.iter().filter_map(|k| Some((k.to_string(), env.var(k)?.to_string()))).collect();
    let has = |k: &str| exchanged.iter().any(|(name, _)| name == k);
    if (has("AWS_WEB_IDENTITY_TOKEN_FILE") && has("AWS_ROLE_ARN"))
        || exchanged.iter().any(|(k, _)| k.contains("CONTAINER"))
    {
        return Ok((Credentials::Exchanged(exchanged), None));
    }
    Err(Error::Credentials(format!(
        "no storage credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [{name}] profile to {}",
        shown(env.file("AWS_SHARED_CREDENTIALS_FILE", "credentials"))
    )))
}

fn shown(path: Option<PathBuf>) -> String {
    path.map_or_else(|| "~/.aws/credentials".to_string(), |p| p.display().to_string())
}

/// A profile's keys (credentials file first, then config file) and region
/// (config file first); `None` when neither file has the profile.
fn profile(env: &Environment, name: &str) -> Result<Option<(Credentials, Option<String>)>> {
    let credentials_file = env.file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    let config_file = env.file("AWS_CONFIG_FILE", "config");
    let from_credentials = section(credentials_file.as_deref(), name)?;
    let config_name = if name == "default" { "default".to_string() } else { format!("profile {name}") };
    let mut from_config = section(config_file.as_deref(), &config_name)?;
    if from_config.is_none() && name == "default" {
        from_config = section(config_file.as_deref(), "profile default")?;
    }
    if from_credentials.is_none() && from_config.is_none() {
        return Ok(None);
    }
    let get = |key: &str| {
        from_credentials
            .as_ref()
            .and_then(|s| s.get(key))
            .or_else(|| from_config.as_ref().and_then(|s| s.get(key)))
            .cloned()
    };
    let region =
        from_config.as_ref().and_then(|s| s.get("region")).or_else(|| from_credentials.as_ref()?.get("region"));
    let region = region.cloned();
    match (get("aws_access_key_id"), get("aws_secret_access_key")) {
        (Some(access_key_id), Some(secret_access_key)) => {
            let file = if from_credentials.as_ref().is_some_and(|s| s.contains_key("aws_access_key_id")) {
                credentials_file
            } else {
                config_file
            };
            let from = format!("profile `{name}` in {}", shown(file));
            let keys =
                Credentials::Keys { access_key_id, secret_access_key, session_token: get("aws_session_token"), from };
            Ok(Some((keys, region)))
        }
        _ => {
            let how = ["sso_session", "sso_start_url", "role_arn", "credential_process", "source_profile"]
                .into_iter()
                .find(|key| get(key).is_some());
            let why = match how {
                Some(key) => format!("gets its keys through `{key}`, which newsprint does not run"),
                None => "has no aws_access_key_id and aws_secret_access_key".to_string(),
            };
            Err(Error::Credentials(format!(
                "the AWS profile `{name}` {why}; export its keys first: eval \"$(aws configure export-credentials --profile {name} --format env)\""
            )))
        }
    }
}

/// The keys of one `[section]` of an INI file, lower-cased; `None` when the
/// file or the section is missing.
fn section(path: Option<&std::path::Path>, name: &str) -> Result<Option<BTreeMap<String, String>>> {
    let Some(path) = path else { return Ok(None) };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    let ini = ini::Ini::load_from_str(&text)
        .map_err(|e| Error::Credentials(format!("{}: cannot read it as an AWS settings file: {e}", path.display())))?;
    let found = ini.iter().find(|(section, _)| section.map(str::trim) == Some(name));
    Ok(found
        .map(|(_, props)| props.iter().map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string())).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)], home: Option<&std::path::Path>) -> Environment {
        Environment {
            vars: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            home: home.map(std::path::Path::to_path_buf),
        }
    }

    fn keys(found: &Credentials) -> (&str, &str, Option<&str>, &str) {
        match found {
            Credentials::Keys { access_key_id, secret_access_key, session_token, from } => {
                (access_key_id, secret_access_key, session_token.as_deref(), from)
            }
            Credentials::Exchanged(_) => panic!("expected keys"),
        }
    }

    #[test]
    fn environment_keys_come_first() {
        let e = env(&[("AWS_ACCESS_KEY_ID", "AK"), ("AWS_SECRET_ACCESS_KEY", "SK"), ("AWS_SESSION_TOKEN", "T")], None);
        let (found, region) = find(&e, None).unwrap();
        assert_eq!(keys(&found), ("AK", "SK", Some("T"), "the environment"));
        assert_eq!(region, None);
    }

    #[test]
    fn profiles_come_from_both_files() {
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join(".aws")).unwrap();
        std::fs::write(
            home.path().join(".aws/credentials"),
            "[default]\naws_access_key_id = DK\naws_secret_access_key = DS\n\n[news]\naws_access_key_id=NK\naws_secret_access_key=NS\n",
        )
        .unwrap();
        std::fs::write(
            home.path().join(".aws/config"),
            "[default]\nregion = eu-west-1\n[profile news]\nregion = auto\n[profile sso]\nsso_session = corp\n",
        )
        .unwrap();
        let e = env(&[], Some(home.path()));
        let (found, region) = find(&e, None).unwrap();
        assert_eq!(keys(&found).0, "DK");
        assert_eq!(region.as_deref(), Some("eu-west-1"));
        let (found, region) = find(&env(&[("AWS_PROFILE", "news")], Some(home.path())), None).unwrap();
        assert_eq!(keys(&found).0, "NK");
        assert_eq!(region.as_deref(), Some("auto"));
        let with_env_keys = env(&[("AWS_ACCESS_KEY_ID", "AK"), ("AWS_SECRET_ACCESS_KEY", "SK")], Some(home.path()));
        assert_eq!(keys(&find(&with_env_keys, Some("news")).unwrap().0).0, "NK", "a target's profile wins");
        assert_eq!(
            find(&e, Some("sso")).unwrap_err().to_string(),
            "the AWS profile `sso` gets its keys through `sso_session`, which newsprint does not run; export its keys first: eval \"$(aws configure export-credentials --profile sso --format env)\""
        );
        let missing = find(&e, Some("nope")).unwrap_err().to_string();
        assert!(missing.starts_with("the deploy target's profile `nope` is in neither "), "{missing}");
    }

    #[test]
    fn nothing_found_says_where_to_put_keys() {
        let home = tempfile::tempdir().unwrap();
        let e = env(&[], Some(home.path()));
        assert_eq!(
            find(&e, None).unwrap_err().to_string(),
            format!(
                "no storage credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a [default] profile to {}",
                home.path().join(".aws/credentials").display()
            )
        );
        let ci = env(&[("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"), ("AWS_ROLE_ARN", "arn:x")], Some(home.path()));
        assert!(matches!(find(&ci, None).unwrap().0, Credentials::Exchanged(v) if v.len() == 2));
    }
}
