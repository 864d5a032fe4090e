//! Reading the tab-separated data files and compiling them.

use crate::fasthash::FnvMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::matcher::Pattern;
use crate::{Country, Lexicon, LexiconError, Meaning, Organization, Person, Place, Tenure};

const BUILTIN: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../data/countries.tsv")),
    ("organizations.tsv", include_str!("../data/organizations.tsv")),
    ("people.tsv", include_str!("../data/people.tsv")),
    // Converted from PETRARCH2/Phoenix by data/tools/petrarch_actors.py; read after the
    // project's own files, whose meanings come first when a phrase has several.
    ("people_phoenix.tsv", include_str!("../data/people_phoenix.tsv")),
    ("organizations_phoenix.tsv", include_str!("../data/organizations_phoenix.tsv")),
    ("sectors.tsv", include_str!("../data/sectors.tsv")),
    ("places.tsv", include_str!("../data/places.tsv")),
];

#[derive(Default)]
struct Builder {
    /// Pattern text → index in `patterns`.
    index: FnvMap<String, usize>,
    patterns: Vec<Pattern>,
    countries: FnvMap<String, Country>,
    organizations: Vec<Organization>,
    people: Vec<Person>,
    people_index: FnvMap<(String, String), usize>,
    places: Vec<Place>,
    digest: u64,
}

/// One data row: its 1-based line number and cells.
struct Row<'a> {
    file: &'a Path,
    line: usize,
    cells: Vec<&'a str>,
    header: &'a [&'a str],
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.header
            .iter()
            .position(|h| *h == column)
            .and_then(|i| self.cells.get(i))
            .map_or("", |c| c.trim())
    }

    fn list(&self, column: &str) -> impl Iterator<Item = &str> {
        self.get(column).split('|').map(str::trim).filter(|s| !s.is_empty())
    }

    fn error(&self, field: &str, message: impl Into<String>) -> LexiconError {
        LexiconError {
            file: self.file.to_path_buf(),
            line: self.line,
            field: field.into(),
            message: message.into(),
        }
    }

    fn required(&self, column: &str) -> Result<&str, LexiconError> {
        let value = self.get(column);
        if value.is_empty() {
            Err(self.error(column, "must not be empty"))
        } else {
            Ok(value)
        }
    }

    fn code(&self, column: &str) -> Result<&str, LexiconError> {
        let value = self.required(column)?;
        if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(value)
        } else {
            Err(self.error(column, format!("`{value}` is not a three-letter upper-case code")))
        }
    }

    fn date(&self, column: &str) -> Result<Option<NaiveDate>, LexiconError> {
        let value = self.get(column);
        if value.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| self.error(column, format!("`{value}` is not a YYYY-MM-DD date")))
    }
}

const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP", "PTY", "CVL", "ELI", "MED", "EDU",
    "BUS", "JRN", "REL", "CRM", "REF", "LAB", "AGR", "PRM", "UAF", "UNK", "SOC", "PRE",
];

fn check_sector<'a>(row: &Row<'a>, column: &str, value: &'a str) -> Result<&'a str, LexiconError> {
    if value.is_empty() || SECTORS.contains(&value) {
        Ok(value)
    } else {
        Err(row.error(column, format!("`{value}` is not a PLOVER sector code")))
    }
}

impl Builder {
    fn add(&mut self, phrase: &str, meaning: Meaning, overlay: bool) {
        // Most phrases have no apostrophe: one variant, looked up without a copy.
        if !phrase.contains(['\'', '’']) {
            self.add_variant(phrase, &meaning, overlay);
            return;
        }
        let mut variants = vec![phrase.to_string()];
        if phrase.contains('\'') {
            variants.push(phrase.replace('\'', "’"));
        }
        if phrase.contains('’') {
            variants.push(phrase.replace('’', "'"));
        }
        for text in &variants {
            self.add_variant(text, &meaning, overlay);
        }
    }

    fn add_variant(&mut self, text: &str, meaning: &Meaning, overlay: bool) {
        let idx = match self.index.get(text) {
            Some(&idx) => idx,
            None => {
                self.patterns.push(Pattern::new(text.to_string()));
                self.index.insert(text.to_string(), self.patterns.len() - 1);
                self.patterns.len() - 1
            }
        };
        let meanings = &mut self.patterns[idx].meanings;
        if meanings.contains(meaning) {
            return;
        }
        if overlay {
            meanings.insert(0, meaning.clone());
        } else {
            meanings.push(meaning.clone());
        }
    }

    fn read(&mut self, file: &Path, text: &str, overlay: bool) -> Result<(), LexiconError> {
        for byte in text.bytes() {
            self.digest = (self.digest ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
        let kind = file.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
        let mut header: Vec<&str> = Vec::new();
        for (idx, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if header.is_empty() {
                header = cells;
                continue;
            }
            let row = Row { file, line: idx + 1, cells, header: &header };
            if kind.starts_with("countries") {
                self.country(&row, overlay)?;
            } else if kind.starts_with("people") {
                self.person(&row, overlay)?;
            } else if kind.starts_with("organizations") || kind.starts_with("organisations") {
                self.organization(&row, overlay)?;
            } else if kind.starts_with("sectors") {
                self.sector(&row, overlay)?;
            } else if kind.starts_with("places") {
                self.place(&row, overlay)?;
            } else {
                return Err(row.error("file", "unknown lexicon file kind (expected countries*, people*, organizations*, sectors* or places*)"));
            }
        }
        Ok(())
    }

    fn country(&mut self, row: &Row<'_>, overlay: bool) -> Result<(), LexiconError> {
        let code = row.code("code")?.to_string();
        let name = row.required("name")?.to_string();
        self.countries
            .entry(code.clone())
            .or_insert(Country { code: code.clone(), name: name.clone() });
        self.add(&name, Meaning::Country { code: code.clone() }, overlay);
        for alias in row.list("aliases") {
            self.add(alias, Meaning::Country { code: code.clone() }, overlay);
        }
        for capital in row.list("capitals") {
            self.add(capital, Meaning::Capital { code: code.clone() }, overlay);
        }
        for seat in row.list("seats") {
            let (phrase, sector) = seat.rsplit_once(':').unwrap_or((seat, "GOV"));
            let sector = check_sector(row, "seats", sector.trim())?;
            self.add(
                phrase.trim(),
                Meaning::Seat { code: code.clone(), sector: sector.to_string() },
                overlay,
            );
        }
        for adjective in row.list("adjectives") {
            self.add(adjective, Meaning::Adjective { code: code.clone() }, overlay);
        }
        for people in row.list("people") {
            self.add(people, Meaning::People { code: code.clone() }, overlay);
        }
        Ok(())
    }

    fn person(&mut self, row: &Row<'_>, overlay: bool) -> Result<(), LexiconError> {
        let name = row.required("name")?.to_string();
        let country = row.code("country")?.to_string();
        let sector = check_sector(row, "sector", row.get("sector"))?.to_string();
        let tenure = Tenure {
            sector,
            role: row.get("role").to_string(),
            start: row.date("start")?,
            end: row.date("end")?,
        };
        if let (Some(s), Some(e)) = (tenure.start, tenure.end) {
            if e < s {
                return Err(row.error("end", "ends before it starts"));
            }
        }
        let key = (name.clone(), country.clone());
        let idx = match self.people_index.get(&key) {
            Some(&idx) => idx,
            None => {
                self.people.push(Person { name: name.clone(), country, tenures: Vec::new() });
                self.people_index.insert(key, self.people.len() - 1);
                self.people.len() - 1
            }
        };
        let person = &mut self.people[idx];
        person.tenures.push(tenure);
        person.tenures.sort_by_key(|t| t.start);
        self.add(&name, Meaning::Person(idx), overlay);
        for alias in row.list("aliases") {
            self.add(alias, Meaning::Person(idx), overlay);
        }
        Ok(())
    }

    fn organization(&mut self, row: &Row<'_>, overlay: bool) -> Result<(), LexiconError> {
        let name = row.required("name")?.to_string();
        let org = Organization {
            name: name.clone(),
            country: row.code("country")?.to_string(),
            code: row.required("code")?.to_string(),
            sector: check_sector(row, "sector", row.get("sector"))?.to_string(),
            kind: row.get("kind").to_string(),
        };
        self.organizations.push(org);
        let idx = self.organizations.len() - 1;
        self.add(&name, Meaning::Organization(idx), overlay);
        for alias in row.list("aliases") {
            self.add(alias, Meaning::Organization(idx), overlay);
        }
        Ok(())
    }

    fn sector(&mut self, row: &Row<'_>, overlay: bool) -> Result<(), LexiconError> {
        let word = row.required("word")?;
        let sector = check_sector(row, "sector", row.required("sector")?)?.to_string();
        let title = match row.get("kind") {
            "title" => true,
            "noun" | "" => false,
            other => {
                return Err(row.error("kind", format!("`{other}` is neither `noun` nor `title`")))
            }
        };
        self.add(word, Meaning::Sector { sector, title }, overlay);
        Ok(())
    }

    fn place(&mut self, row: &Row<'_>, overlay: bool) -> Result<(), LexiconError> {
        let name = row.required("name")?.to_string();
        let number = |column: &str| -> Result<Option<f64>, LexiconError> {
            let value = row.get(column);
            if value.is_empty() {
                return Ok(None);
            }
            value
                .parse()
                .map(Some)
                .map_err(|_| row.error(column, format!("`{value}` is not a number")))
        };
        let country = row.get("country");
        if !country.is_empty() {
            row.code("country")?;
        }
        let place = Place {
            name: name.clone(),
            country: country.to_string(),
            kind: row.get("kind").to_string(),
            lat: number("lat")?,
            lon: number("lon")?,
            population: row.get("population").parse().unwrap_or(0),
        };
        self.places.push(place);
        let idx = self.places.len() - 1;
        self.add(&name, Meaning::Place(idx), overlay);
        for alias in row.list("aliases") {
            self.add(alias, Meaning::Place(idx), overlay);
        }
        Ok(())
    }
}

pub(crate) fn check_overlay(name: &str, text: &str) -> Result<usize, LexiconError> {
    let mut builder = Builder::default();
    builder.read(Path::new(name), text, true)?;
    let patterns = builder.patterns.iter().map(|p| p.text.as_bytes());
    crate::trie::Trie::build(patterns, true);
    Ok(builder.patterns.len())
}

pub(crate) fn load(overlays: &[&Path]) -> Result<Lexicon, LexiconError> {
    let mut builder = Builder { digest: 0xcbf2_9ce4_8422_2325, ..Builder::default() };
    // Sized for the built-in phrases (about 20,000), so the map is not grown step by step.
    builder.index.reserve(32_768);
    builder.patterns.reserve(32_768);
    for (name, text) in BUILTIN {
        builder.read(Path::new(name), text, false)?;
    }
    for dir in overlays {
        let io_error = |e: std::io::Error| LexiconError {
            file: dir.to_path_buf(),
            line: 0,
            field: "path".into(),
            message: e.to_string(),
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io_error)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| LexiconError {
                file: file.clone(),
                line: 0,
                field: "file".into(),
                message: e.to_string(),
            })?;
            builder.read(&file, &text, true)?;
        }
    }
    // Names (phrases that start with a capital) are searched case-sensitively, which keeps
    // common words out of the search ("turkey", "reading"); phrases that start in lower
    // case ("officials", "the Kremlin") case-insensitively, with the case rule checked after.
    let (mut name_ids, mut word_ids) = (Vec::new(), Vec::new());
    for (idx, p) in builder.patterns.iter().enumerate() {
        if p.text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            name_ids.push(idx);
        } else {
            word_ids.push(idx);
        }
    }
    // Phrases are searched anchored at word starts (see `matcher`): a trie without failure
    // links, built in a few milliseconds.
    let build = |ids: &[usize], insensitive: bool| {
        crate::trie::Trie::build(
            ids.iter().map(|&i| builder.patterns[i].text.as_bytes()),
            insensitive,
        )
    };
    let filter = |ids: &[usize]| {
        let mut f = crate::PrefixFilter::default();
        for &i in ids {
            f.insert(&builder.patterns[i].text);
        }
        f
    };
    let (name_filter, word_filter) = (filter(&name_ids), filter(&word_ids));
    let tries = [
        (build(&name_ids, false), name_ids, name_filter),
        (build(&word_ids, true), word_ids, word_filter),
    ];
    Ok(Lexicon {
        patterns: builder.patterns,
        tries,
        countries: builder.countries,
        organizations: builder.organizations,
        people: builder.people,
        places: builder.places,
        version: format!("{:016x}", builder.digest),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_load() {
        let lexicon = load(&[]).unwrap();
        assert!(lexicon.countries.len() >= 198);
        assert!(lexicon.people.len() > 100);
        assert!(lexicon.places.len() > 1000);
        assert!(lexicon.organizations.len() > 100);
    }

    #[test]
    fn overlay_errors_name_file_line_and_field() {
        let dir = std::env::temp_dir().join(format!("dyad-lexicon-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("people-extra.tsv"),
            "name\taliases\tcountry\tsector\trole\tstart\tend\nJane Roe\t\tXX\tGOV\tMinister\t\t\n",
        )
        .unwrap();
        let err = load(&[dir.as_path()]).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.field, "country");
        assert!(err.to_string().contains("people-extra.tsv:2: field `country`"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn check_overlay_parses_one_file_alone() {
        let ok = "name\taliases\tcountry\tcode\tsector\tkind\nFreedom Brigade\tthe Brigade\tUKR\tFRBR\tREB\tarmed_group\n";
        assert_eq!(check_overlay("organizations.tsv", ok), Ok(2));
        let bad = "name\taliases\tcountry\tsector\trole\tstart\tend\nJane Roe\t\tUKR\tGOV\tMinister\t2024-13-01\t\n";
        let err = check_overlay("people.tsv", bad).unwrap_err();
        assert_eq!((err.line, err.field.as_str()), (2, "start"));
        assert!(check_overlay("weather.tsv", ok).is_err());
    }

    #[test]
    fn overlay_adds_actors() {
        let dir = std::env::temp_dir().join(format!("dyad-lexicon-overlay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("organizations.tsv"), "name\taliases\tcountry\tcode\tsector\tkind\nFreedom Brigade\tthe Brigade\tUKR\tFRBR\tREB\tarmed_group\n").unwrap();
        let lexicon = load(&[dir.as_path()]).unwrap();
        let text = "The Freedom Brigade attacked.";
        let found = lexicon.find(text);
        assert_eq!(&text[found[0].start..found[0].end], "Freedom Brigade");
        match &lexicon.meanings(&found[0])[0] {
            Meaning::Organization(idx) => assert_eq!(lexicon.organization(*idx).code, "FRBR"),
            other => panic!("unexpected {other:?}"),
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
