//! The manifest lists the banks the app offers and the topic ids banks may use.

use serde::Deserialize;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankEntry {
    pub id: String,
    pub title: String,
    pub description: String,
    /// File name relative to the manifest.
    pub file: String,
    /// A bank added in this browser (see `custom`), not fetched from a file.
    #[serde(default)]
    pub custom: bool,
    /// How many questions the bank has: written by the build (`prerender`)
    /// so the home page can say it without downloading the bank; 0 = unknown.
    #[serde(default)]
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(default)]
    pub banks: Vec<BankEntry>,
    #[serde(default)]
    pub topics: Vec<Topic>,
}

#[derive(Debug, Error, PartialEq)]
pub enum ManifestError {
    #[error("The bank list (manifest.toml) is not valid: {0}")]
    Syntax(String),
    #[error("The bank list (manifest.toml) lists bank `{0}` twice.")]
    DuplicateBank(String),
    #[error("The bank list (manifest.toml) lists topic `{0}` twice.")]
    DuplicateTopic(String),
}

impl Manifest {
    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let m: Manifest =
            toml::from_str(text).map_err(|e| ManifestError::Syntax(e.message().to_string()))?;
        for (i, b) in m.banks.iter().enumerate() {
            if m.banks[..i].iter().any(|o| o.id == b.id) {
                return Err(ManifestError::DuplicateBank(b.id.clone()));
            }
        }
        for (i, t) in m.topics.iter().enumerate() {
            if m.topics[..i].iter().any(|o| o.id == t.id) {
                return Err(ManifestError::DuplicateTopic(t.id.clone()));
            }
        }
        Ok(m)
    }

    pub fn bank(&self, id: &str) -> Option<&BankEntry> {
        self.banks.iter().find(|b| b.id == id)
    }

    pub fn has_topic(&self, id: &str) -> bool {
        self.topics.iter().any(|t| t.id == id)
    }

    /// The human label for a topic id, falling back to the id itself.
    pub fn topic_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.topics
            .iter()
            .find(|t| t.id == id)
            .map_or(id, |t| t.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_banks_and_topics() {
        let m = Manifest::parse(
            r#"
[[banks]]
id = "a"
title = "A"
description = "d"
file = "a.toml"
[[topics]]
id = "t1"
label = "Topic one"
"#,
        )
        .unwrap();
        assert_eq!(m.banks.len(), 1);
        assert!(m.has_topic("t1"));
        assert_eq!(m.topic_label("t1"), "Topic one");
        assert_eq!(m.topic_label("zz"), "zz");
    }

    #[test]
    fn rejects_duplicate_bank() {
        let text = "[[banks]]\nid='a'\ntitle='A'\ndescription=''\nfile='a'\n[[banks]]\nid='a'\ntitle='B'\ndescription=''\nfile='b'\n";
        assert_eq!(
            Manifest::parse(text),
            Err(ManifestError::DuplicateBank("a".into()))
        );
    }

    #[test]
    fn the_shipped_manifest_is_valid() {
        let text = include_str!("../../questions/manifest.toml");
        let m = Manifest::parse(text).unwrap();
        assert!(m.banks.len() >= 3);
    }
}
