//! What the command lines need around the rules: the `.pb` files named on the command line, and
//! whether an outcome agrees with the one a file publishes.

use std::path::PathBuf;

use crate::pabulib::PbDocument;

/// The files named, with every `.pb` file of each folder named (in name order).
pub fn pb_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "pb"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// An outcome against the file's own `selected` column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// The file publishes no outcome.
    NoOfficial,
    Agrees,
    /// What the official outcome funds and ours does not, and the other way round.
    Differs {
        missing: Vec<String>,
        extra: Vec<String>,
    },
}

impl Check {
    pub fn of(document: &PbDocument, selected_ids: &[String]) -> Check {
        let Some(official) = document.official_selection() else {
            return Check::NoOfficial;
        };
        let missing: Vec<String> = official
            .iter()
            .filter(|id| !selected_ids.contains(id))
            .cloned()
            .collect();
        let extra: Vec<String> = selected_ids
            .iter()
            .filter(|id| !official.contains(id))
            .cloned()
            .collect();
        if missing.is_empty() && extra.is_empty() {
            Check::Agrees
        } else {
            Check::Differs { missing, extra }
        }
    }

    /// In a few words, for a report line.
    pub fn describe(&self) -> String {
        match self {
            Check::NoOfficial => "skipped: no selected column".to_string(),
            Check::Agrees => "agrees".to_string(),
            Check::Differs { missing, extra } => {
                format!("DIFFERS: official also funds {missing:?}; we also fund {extra:?}")
            }
        }
    }
}
