//! feedwright turns a folder of article records into RSS 2.0 and Atom 1.0
//! feeds. The pipeline runs one way: config → discover → parse → catalog →
//! content → render → write; each stage hands plain values to the next.

pub mod catalog;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub mod discover;
pub mod frontmatter;
pub mod parse;
pub mod plaintext;
pub mod record;
pub mod render;
pub mod report;
pub mod write;

use cli::Options;
use config::Config;
use diagnostic::Diagnostic;
use report::Report;

/// A problem with the run itself rather than with the content: exit 2.
#[derive(Debug)]
pub struct UsageError(pub Vec<Diagnostic>);

pub fn build(options: &Options) -> Result<Report, UsageError> {
    let mut config = Config::load(&options.config).map_err(UsageError)?;
    if let Some(out) = &options.out {
        config.output_dir.clone_from(out);
    }
    let discovered = discover::discover(&config.articles_dir).map_err(|d| UsageError(vec![d]))?;
    let mut report = Report::default();
    report.diagnostics.extend(discovered.problems);

    let parsed = parse::parse_all(&discovered.sources, config.timezone);
    report.diagnostics.extend(parsed.diagnostics);
    let records = parsed.records;
    report.records = records.len();
    let parse_failed = report.has_errors();
    let (mut catalog, problems) = catalog::build(records, &config, options.now, options.selection);
    report.diagnostics.extend(
        problems
            .into_iter()
            // A reference to a record that failed to parse is not the referrer's fault.
            .filter(|problem| !(parse_failed && problem.message.contains("matches no record"))),
    );

    for item in &mut catalog.items {
        if let Err(problem) = parse::load_body(&mut item.record, config.timezone) {
            report.diagnostics.push(problem);
        }
    }
    let rendered: Vec<content::Rendered> = catalog.items.iter().map(content::render).collect();
    let entries: Vec<render::Entry<'_>> = catalog
        .items
        .iter()
        .zip(rendered)
        .map(|(item, rendered)| {
            report.diagnostics.extend(rendered.diagnostics);
            render::Entry {
                item,
                html: rendered.html,
                summary: rendered.summary,
            }
        })
        .collect();

    if options.strict {
        report.promote_warnings();
    }
    if report.has_errors() {
        return Ok(report);
    }
    let outputs = [
        write::Output {
            relative: config.rss_file.clone(),
            bytes: render::rss(&config, &entries),
            item_count: entries.len(),
        },
        write::Output {
            relative: config.atom_file.clone(),
            bytes: render::atom(&config, &entries),
            item_count: entries.len(),
        },
    ];
    match write::write_all(&config.output_dir, &outputs) {
        Ok(files) => report.files = files,
        Err(problem) => report.diagnostics.push(problem),
    }
    Ok(report)
}
