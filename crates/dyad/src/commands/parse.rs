//! `dyad parse`: UPOS tags and labelled dependencies, as CoNLL-U, for plain text or for the
//! tokens of a CoNLL-U file (which can then be scored against its own gold columns).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dyad_syntax::conllu::{self, Sentence, Word};
use dyad_syntax::{Model, Workspace};

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ParseFrom {
    /// Plain text: split into sentences and tokens (UD English conventions).
    Text,
    /// CoNLL-U: its sentences and tokens are kept, the predicted columns replaced.
    Conllu,
}

#[derive(Copy, Clone, PartialEq, Eq, ValueEnum)]
pub enum ParseTo {
    Conllu,
}

#[derive(Args)]
pub struct ParseArgs {
    /// A text or CoNLL-U file; `-` or nothing reads standard input.
    input: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ParseFrom::Text)]
    from: ParseFrom,
    #[arg(long, value_enum, default_value_t = ParseTo::Conllu)]
    to: ParseTo,
    /// A model written by `dyad train-syntax` (the built-in UD English EWT model by default).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// With `--from conllu`: compare the predictions with the input's own UPOS, HEAD and
    /// DEPREL columns and print UPOS/UAS/LAS instead of the parse.
    #[arg(long)]
    score: bool,
}

/// Reads a file, or standard input for `-` or no path; the name is for error messages.
pub fn read_input(path: Option<&Path>) -> Result<(String, String)> {
    match path {
        Some(p) if p != Path::new("-") => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Ok((p.display().to_string(), text))
        }
        _ => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).context("cannot read standard input")?;
            Ok(("<stdin>".to_string(), text))
        }
    }
}

/// Reads CoNLL-U, naming the file and line of a malformed line.
pub fn read_conllu(name: &str, text: &str) -> Result<Vec<Sentence>> {
    conllu::read(text).map_err(|e| anyhow::anyhow!("{name}:{}: {}", e.line, e.message))
}

/// The built-in model, or the one in `path`.
pub fn load_model(path: Option<&Path>) -> Result<std::borrow::Cow<'static, Model>> {
    match path {
        None => Ok(std::borrow::Cow::Borrowed(Model::builtin())),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            let model = Model::from_bytes(&bytes).with_context(|| format!("{}", p.display()))?;
            Ok(std::borrow::Cow::Owned(model))
        }
    }
}

pub fn run(args: &ParseArgs) -> Result<ExitCode> {
    let ParseTo::Conllu = args.to;
    let model = load_model(args.model.as_deref())?;
    let (name, text) = read_input(args.input.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.from {
        ParseFrom::Conllu => {
            let gold = read_conllu(&name, &text)?;
            let predicted = dyad_syntax::train::predict(&model, &gold);
            if args.score {
                let scores = conllu::score(&gold, &predicted).map_err(anyhow::Error::msg)?;
                outln!("{scores}");
                return Ok(ExitCode::SUCCESS);
            }
            let mut buf = String::new();
            for s in &predicted {
                buf.clear();
                conllu::write_sentence(s, &mut buf);
                out.write_all(buf.as_bytes())?;
            }
        }
        ParseFrom::Text => {
            if args.score {
                anyhow::bail!("--score needs --from conllu (gold columns to compare with)");
            }
            write_text_parse(&model, &text, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Splits `text` into paragraphs (blank lines), sentences and tokens, and writes each sentence
/// parsed, with `# sent_id` and `# text` comments and `SpaceAfter=No` where no space follows.
fn write_text_parse(model: &Model, text: &str, out: &mut dyn Write) -> Result<()> {
    let mut ws = Workspace::default();
    let mut tokens = Vec::new();
    let mut buf = String::new();
    let mut sent_id = 0;
    let mut offset = 0;
    for paragraph in text.split("\n\n") {
        for (start, end) in dyad_ingest::split_sentences(paragraph) {
            let sentence = &paragraph[start..end];
            let spans = dyad_syntax::tokenize(sentence);
            if spans.is_empty() {
                continue;
            }
            let forms: Vec<&str> = spans.iter().map(|&(s, e)| &sentence[s..e]).collect();
            model.parse_into(&forms, &mut ws, &mut tokens);
            sent_id += 1;
            let flat: String = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            let words = spans
                .iter()
                .zip(&tokens)
                .map(|(&(s, e), t)| {
                    let space_after =
                        sentence[e..].starts_with(char::is_whitespace) || e == sentence.len();
                    Word {
                        form: sentence[s..e].to_string(),
                        upos: t.upos.to_string(),
                        xpos: t.xpos.to_string(),
                        head: t.head,
                        deprel: t.deprel.to_string(),
                        misc: if space_after { String::new() } else { "SpaceAfter=No".into() },
                        ..Word::default()
                    }
                })
                .collect();
            let s = Sentence {
                comments: vec![
                    format!(" sent_id = {sent_id}"),
                    format!(" text = {flat}"),
                    format!(" offset = {}", offset + start),
                ],
                words,
                extra: Vec::new(),
            };
            buf.clear();
            conllu::write_sentence(&s, &mut buf);
            out.write_all(buf.as_bytes())?;
        }
        offset += paragraph.len() + 2;
    }
    Ok(())
}
