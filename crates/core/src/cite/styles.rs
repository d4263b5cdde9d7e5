//! Bibliography entries in APA 7, MLA 9, Chicago 18 (notes-bibliography and
//! author-date) and Cite Them Right Harvard, for web pages, newspaper
//! articles, blog posts and journal articles.
//!
//! Each layout follows its official CSL style file as citeproc-js renders
//! it; `tests/citation_goldens.rs` checks every entry against citeproc-js.

use super::item::{Item, ItemType};
use super::names::{write_names, NameStyle, Order, Particles};
use super::text::{page_range, title_case, typographic, Entry, PageRange};
use crate::date::Date;
use alloc::string::String;
use alloc::string::ToString;
use alloc::vec::Vec;

const MONTHS: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const MLA_MONTHS: &str = "Jan.|Feb.|Mar.|Apr.|May|June|July|Aug.|Sept.|Oct.|Nov.|Dec.";

fn number(value: impl Into<u32>) -> String {
    crate::encode::decimal(value.into())
}

/// "November 24, 2026" (or less, as precise as the date).
fn month_day_year(date: &Date) -> String {
    let year = number(date.year);
    match (date.month_name(MONTHS), date.day) {
        (Some(m), Some(d)) => crate::join::concat(&[m, " ", &number(d), ", ", &year]),
        (Some(m), None) => crate::join::concat(&[m, " ", &year]),
        _ => year,
    }
}

/// "19 May 2019" / "7 Mar. 2024" in MLA's abbreviations.
fn mla_date(date: &Date, with_day: bool) -> String {
    let year = number(date.year);
    match (date.month_name(MLA_MONTHS), date.day.filter(|_| with_day)) {
        (Some(m), Some(d)) => crate::join::concat(&[&number(d), " ", m, " ", &year]),
        (Some(m), None) => crate::join::concat(&[m, " ", &year]),
        _ => year,
    }
}

/// ", 23(4)": the volume (italic in APA) and the issue in parentheses.
fn volume_and_issue(entry: &mut Entry, item: &Item, italic_volume: bool) {
    if item.volume.is_empty() {
        return;
    }
    entry.punct(", ");
    if italic_volume {
        entry.italic(&item.volume);
    } else {
        entry.push(&item.volume);
    }
    if !item.issue.is_empty() {
        entry.push("(");
        entry.push(&item.issue);
        entry.push(")");
    }
}

fn is_journal(item: &Item) -> bool {
    item.kind == ItemType::ArticleJournal
}

fn title(item: &Item, cased: bool) -> String {
    let title = typographic(&item.title);
    if cased {
        title_case(&title)
    } else {
        title
    }
}

/// APA Style 7th edition.
pub fn apa(item: &Item) -> Entry {
    const NAMES: NameStyle = NameStyle {
        order: Order::AllInverted,
        initialize_with: Some(". "),
        particles: Particles::AsWritten,
        delimiter: ", ",
        and: "&",
        comma_before_and: true,
        comma_before_et_al: true,
        et_al_min: 21,
        et_al_use_first: 19,
        ellipsis_last: true,
        et_al_italic: false,
    };
    let mut entry = Entry::new();
    let title = title(item, false);
    let italic_title = matches!(item.kind, ItemType::Webpage);
    let write_title = |entry: &mut Entry| {
        if italic_title {
            entry.italic(&title);
        } else {
            entry.push(&title);
        }
    };
    let has_authors = !item.authors.is_empty();
    if has_authors {
        write_names(&mut entry, &item.authors, &NAMES);
    } else {
        write_title(&mut entry);
    }
    entry.punct(". ");
    entry.push("(");
    match &item.issued {
        Some(date) if is_journal(item) => entry.push(&number(date.year)),
        Some(date) => {
            entry.push(&number(date.year));
            if let Some(m) = date.month_name(MONTHS) {
                entry.push(", ");
                entry.push(m);
                if let Some(day) = date.day {
                    entry.push(" ");
                    entry.push(&number(day));
                }
            }
        }
        None => entry.push("n.d."),
    }
    entry.push(")");
    entry.punct(". ");
    if has_authors {
        write_title(&mut entry);
        entry.punct(". ");
    }
    match item.kind {
        ItemType::Webpage => {
            for &part in &[&item.container, &item.publisher] {
                if !part.is_empty() {
                    entry.push(part);
                    entry.punct(". ");
                }
            }
        }
        ItemType::ArticleNewspaper | ItemType::PostWeblog => {
            if !item.container.is_empty() {
                entry.italic(&item.container);
                entry.punct(". ");
            }
        }
        ItemType::ArticleJournal => {
            entry.italic(&item.container);
            volume_and_issue(&mut entry, item, true);
            if !item.page.is_empty() {
                entry.punct(", ");
                entry.push(&page_range(&item.page, PageRange::Expanded));
            }
            entry.punct(". ");
        }
    }
    let link = item.link();
    match (&item.issued, &item.accessed) {
        (None, Some(accessed)) if !is_journal(item) => {
            entry.push("Retrieved ");
            entry.push(&month_day_year(accessed));
            entry.push(", from ");
        }
        _ => {}
    }
    entry.push(&link);
    entry
}

/// MLA Handbook 9th edition.
pub fn mla(item: &Item) -> Entry {
    const NAMES: NameStyle = NameStyle {
        order: Order::FirstInverted,
        initialize_with: None,
        particles: Particles::AsWritten,
        delimiter: ", ",
        and: "and",
        comma_before_and: true,
        comma_before_et_al: true,
        et_al_min: 3,
        et_al_use_first: 1,
        ellipsis_last: false,
        et_al_italic: false,
    };
    let mut entry = Entry::new();
    if !item.authors.is_empty() {
        write_names(&mut entry, &item.authors, &NAMES);
        entry.punct(". ");
    }
    entry.quoted(&title(item, true));
    entry.punct(". ");
    let mut parts: Vec<(String, bool)> = Vec::new();
    if !item.container.is_empty() {
        parts.push((title_case(&typographic(&item.container)), true));
    }
    if item.kind == ItemType::Webpage && !item.publisher.is_empty() {
        parts.push((item.publisher.clone(), false));
    }
    if is_journal(item) {
        if !item.volume.is_empty() {
            parts.push((crate::join::concat(&["vol. ", &item.volume]), false));
        }
        if !item.issue.is_empty() {
            parts.push((crate::join::concat(&["no. ", &item.issue]), false));
        }
    }
    if let Some(date) = &item.issued {
        parts.push((mla_date(date, !is_journal(item)), false));
    }
    if is_journal(item) && !item.page.is_empty() {
        let pages = page_range(&item.page, PageRange::MinimalTwo);
        let prefix = if crate::search::find(&pages, "–").is_some() {
            "pp. "
        } else {
            "p. "
        };
        parts.push((crate::join::concat(&[prefix, &pages]), false));
    }
    parts.push((item.link(), false));
    for (index, (text, italic)) in parts.iter().enumerate() {
        if index > 0 {
            entry.punct(", ");
        }
        if *italic {
            entry.italic(text);
        } else {
            entry.push(text);
        }
    }
    entry.punct(".");
    if item.issued.is_none() {
        if let Some(accessed) = &item.accessed {
            entry.push(" Accessed ");
            entry.push(&mla_date(accessed, true));
            entry.punct(".");
        }
    }
    entry
}

const CHICAGO_NAMES: NameStyle = NameStyle {
    order: Order::FirstInverted,
    initialize_with: None,
    particles: Particles::Demoted,
    delimiter: ", ",
    and: "and",
    comma_before_and: true,
    comma_before_et_al: true,
    et_al_min: 7,
    et_al_use_first: 3,
    ellipsis_last: false,
    et_al_italic: false,
};

/// The container, italic unless the item is a web page.
fn chicago_container(entry: &mut Entry, item: &Item) {
    let container = title_case(&typographic(&item.container));
    if item.kind == ItemType::Webpage {
        entry.push(&container);
    } else {
        entry.italic(&container);
    }
}

/// Chicago author position: the authors, else the container.
fn chicago_creator(entry: &mut Entry, item: &Item) -> bool {
    if !item.authors.is_empty() {
        write_names(entry, &item.authors, &CHICAGO_NAMES);
        true
    } else if !item.container.is_empty() {
        chicago_container(entry, item);
        false
    } else {
        false
    }
}

fn chicago_journal_details(entry: &mut Entry, item: &Item, year_in_parentheses: bool) {
    chicago_container(entry, item);
    if !item.volume.is_empty() {
        entry.push(" ");
        entry.push(&item.volume);
    }
    if year_in_parentheses {
        if !item.issue.is_empty() {
            entry.punct(", ");
            entry.push("no. ");
            entry.push(&item.issue);
        }
        if let Some(date) = &item.issued {
            entry.push(" (");
            entry.push(&number(date.year));
            entry.push(")");
        }
    } else if !item.issue.is_empty() {
        entry.push(" (");
        entry.push(&item.issue);
        entry.push(")");
    }
    if !item.page.is_empty() {
        entry.push(": ");
        entry.push(&page_range(&item.page, PageRange::Chicago));
    }
}

/// Chicago Manual of Style 18th edition, notes and bibliography
/// (the bibliography entry).
pub fn chicago(item: &Item) -> Entry {
    let mut entry = Entry::new();
    let authored = chicago_creator(&mut entry, item);
    if !entry.is_empty() {
        entry.punct(". ");
    }
    entry.quoted(&title(item, true));
    entry.punct(". ");
    if is_journal(item) {
        chicago_journal_details(&mut entry, item, true);
        entry.punct(". ");
    } else {
        let mut parts: Vec<String> = Vec::new();
        let mut container_first = false;
        if authored && !item.container.is_empty() {
            container_first = true;
        }
        if item.kind == ItemType::Webpage && !item.publisher.is_empty() {
            parts.push(item.publisher.clone());
        }
        match (&item.issued, &item.accessed) {
            (Some(date), _) => parts.push(month_day_year(date)),
            (None, Some(accessed)) => {
                if container_first {
                    chicago_container(&mut entry, item);
                    container_first = false;
                    for part in &parts {
                        entry.punct(", ");
                        entry.push(part);
                    }
                    parts.clear();
                    entry.punct(". ");
                }
                parts.push(crate::join::concat(&[
                    "Accessed ",
                    &month_day_year(accessed),
                ]));
            }
            (None, None) => {}
        }
        if container_first {
            chicago_container(&mut entry, item);
            for part in &parts {
                entry.punct(", ");
                entry.push(part);
            }
        } else {
            for (index, part) in parts.iter().enumerate() {
                if index > 0 {
                    entry.punct(", ");
                }
                entry.push(part);
            }
        }
        entry.punct(". ");
    }
    entry.push(&item.link());
    entry.punct(".");
    entry
}

/// Chicago Manual of Style 18th edition, author-date.
pub fn chicago_author_date(item: &Item) -> Entry {
    let mut entry = Entry::new();
    let authored = chicago_creator(&mut entry, item);
    if !entry.is_empty() {
        entry.punct(". ");
    }
    match &item.issued {
        Some(date) => entry.push(&number(date.year)),
        None => entry.push("n.d."),
    }
    entry.punct(". ");
    entry.quoted(&title(item, true));
    entry.punct(". ");
    if is_journal(item) {
        chicago_journal_details(&mut entry, item, false);
        entry.punct(". ");
    } else {
        let mut parts: Vec<String> = Vec::new();
        if item.kind == ItemType::Webpage && !item.publisher.is_empty() {
            parts.push(item.publisher.clone());
        }
        if let Some(date) = &item.issued {
            if let Some(m) = date.month_name(MONTHS) {
                parts.push(match date.day {
                    Some(day) => crate::join::concat(&[m, " ", &number(day)]),
                    None => m.to_string(),
                });
            }
        }
        let wrote_container = authored && !item.container.is_empty();
        if wrote_container {
            chicago_container(&mut entry, item);
        }
        for (index, part) in parts.iter().enumerate() {
            if index > 0 || wrote_container {
                entry.punct(", ");
            }
            entry.push(part);
        }
        if wrote_container || !parts.is_empty() {
            entry.punct(". ");
        }
        if item.issued.is_none() {
            if let Some(accessed) = &item.accessed {
                entry.push("Accessed ");
                entry.push(&month_day_year(accessed));
                entry.punct(". ");
            }
        }
    }
    entry.push(&item.link());
    entry.punct(".");
    entry
}

/// Cite Them Right 12th edition, Harvard.
pub fn harvard(item: &Item) -> Entry {
    const NAMES: NameStyle = NameStyle {
        order: Order::AllInverted,
        initialize_with: Some("."),
        particles: Particles::AsWritten,
        delimiter: ", ",
        and: "and",
        comma_before_and: false,
        comma_before_et_al: false,
        et_al_min: 4,
        et_al_use_first: 1,
        ellipsis_last: false,
        et_al_italic: true,
    };
    let mut entry = Entry::new();
    let webpage = item.kind == ItemType::Webpage;
    let title = title(item, false);
    // Without authors, a web page's title, or else the container, leads.
    let lead = if !item.authors.is_empty() {
        write_names(&mut entry, &item.authors, &NAMES);
        Lead::Authors
    } else if webpage {
        entry.italic(&title);
        Lead::Title
    } else if !item.container.is_empty() {
        entry.italic(&item.container);
        Lead::Container
    } else {
        Lead::Nothing
    };
    if !entry.is_empty() {
        entry.push(" ");
    }
    entry.push("(");
    match &item.issued {
        Some(date) => entry.push(&number(date.year)),
        None => entry.push("no date"),
    }
    entry.push(") ");
    if webpage {
        if lead != Lead::Title {
            entry.italic(&title);
        }
        if !item.container.is_empty() {
            if lead != Lead::Title {
                entry.punct(", ");
            }
            entry.italic(&item.container);
        }
        entry.punct(". ");
        if !item.publisher.is_empty() {
            entry.push(&item.publisher);
            entry.punct(". ");
        }
    } else {
        entry.quoted(&title);
        if lead != Lead::Container && !item.container.is_empty() {
            entry.punct(", ");
            entry.italic(&item.container);
        }
        if is_journal(item) {
            volume_and_issue(&mut entry, item, false);
            if !item.page.is_empty() {
                entry.punct(", ");
                entry.push("pp. ");
                entry.push(&page_range(&item.page, PageRange::Expanded));
            }
        } else if let Some(date) = &item.issued {
            if let (Some(day), Some(m)) = (date.day, date.month_name(MONTHS)) {
                entry.punct(", ");
                entry.push(&number(day));
                entry.push(" ");
                entry.push(m);
            }
        }
        entry.punct(". ");
    }
    entry.push("Available at: ");
    entry.push(&item.link());
    if item.doi.is_empty() {
        if let Some(accessed) = &item.accessed {
            entry.push(" (Accessed: ");
            entry.push(&month_day_year(accessed));
            entry.push(")");
        }
    }
    entry.punct(".");
    entry
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lead {
    Authors,
    Title,
    Container,
    Nothing,
}
