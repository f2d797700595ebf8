//! `practica init DIR`: a small guide that builds cleanly, to start from.

use std::fs;
use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};

const FILES: &[(&str, &str)] = &[
    (
        "guide.yaml",
        r#"title: Our Implementation Guide
description: Recommended practices, tips and a self-assessment checklist.
# Where the guide will be published: the sitemap and the QR codes on printed
# handouts use it. Pages link to each other without the host, so any host works.
base_url: https://example.org/
language: en
theme: default
paper: letter
audiences:
  leadership: Leadership
  supervisors: Supervisors
  all-staff: All staff
sources:
  our-handbook:
    title: Our practice handbook
    publisher: Our consortium
    year: 2026
"#,
    ),
    (
        "content/_index.md",
        r#"---
title: Our Implementation Guide
summary: Recommended practices for teams, written by our consortium.
---
Welcome. Each practice has its own page with the steps to put it in place and
a short list that tells you when it is in place. Start with
[regular check-ins](@/practices/teamwork/regular-check-ins.md) or take the
[self-assessment](@/checklists/self-assessment.md).
"#,
    ),
    (
        "content/practices/teamwork/_index.md",
        r#"---
title: Teamwork
summary: How teams plan, meet and share what they learn.
weight: 1
---
Practices that help a team work as one.
"#,
    ),
    (
        "content/practices/teamwork/regular-check-ins.md",
        r#"---
title: Hold regular check-ins
summary: A short, regular meeting keeps everyone's work visible and problems small.
audience: [supervisors, all-staff]
tags: [meetings]
related: [shared-notes]
source: our-handbook
weight: 1
---
## Why it matters

Problems found early are easier to solve.

## How to put it in place

1. Pick a fixed time each week.
2. Keep it short and keep [shared notes](shared-notes.md).

## In place when

- [ ] Check-ins happen every week.
- [ ] Everyone on the team takes part.
"#,
    ),
    (
        "content/practices/teamwork/shared-notes.md",
        r#"---
title: Keep shared notes
summary: Notes everyone can read keep decisions from being lost.
audience: [all-staff]
tags: [meetings]
related: [regular-check-ins]
source: our-handbook
weight: 2
---
## Why it matters

A decision nobody wrote down is soon forgotten.

## How to put it in place

1. Agree on one place for notes.
2. Write down decisions and who owns each next step.

## In place when

- [ ] Every meeting has notes in the agreed place.
"#,
    ),
    (
        "content/tips/start-small.md",
        r#"---
title: Start small
summary: Try a practice with one team before you roll it out.
applies_to: [teamwork]
source: our-handbook
---
One team's experience tells you what to change before everyone adopts it.
"#,
    ),
    (
        "content/checklists/self-assessment.md",
        r#"---
title: Self-assessment
summary: Tick what is already in place.
source: our-handbook
---
## Teamwork

- [ ] The team holds a weekly check-in. ([Regular check-ins](@/practices/teamwork/regular-check-ins.md))
- [ ] Decisions are written in shared notes. ([Shared notes](@/practices/teamwork/shared-notes.md))
"#,
    ),
    (
        "content/about.md",
        r#"---
title: About this guide
summary: Who wrote this guide and how to use it.
---
This guide collects the practices our consortium recommends.
"#,
    ),
];

/// A host whose publishing workflow `init` can write beside the guide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ci {
    GitHub,
    GitLab,
}

impl Ci {
    /// Where the host looks for the workflow, relative to the repository's top
    /// (the new guide's folder is meant to be one).
    pub fn file(self) -> &'static Path {
        Path::new(match self {
            Ci::GitHub => ".github/workflows/publish.yml",
            Ci::GitLab => ".gitlab-ci.yml",
        })
    }

    /// The workflow: the copy docs/publishing.md shows, so the two never differ.
    pub fn workflow(self) -> &'static str {
        match self {
            Ci::GitHub => include_str!("../docs/publishing/github-pages.yml"),
            Ci::GitLab => include_str!("../docs/publishing/gitlab-ci.yml"),
        }
    }
}

/// Writes the starter guide into `dir`, refusing to overwrite an existing guide,
/// and with `ci` the workflow that publishes it.
pub fn init(dir: &Path, ci: Option<Ci>) -> Result<(), Diagnostic> {
    if dir.join("guide.yaml").exists() || dir.join("content").exists() {
        return Err(Diagnostic::error(
            Code::Refused,
            dir,
            0,
            "this folder already holds a guide (guide.yaml or content/)",
        )
        .with_help("choose a new or empty folder: practica init my-guide"));
    }
    let failed = |e: std::io::Error| {
        Diagnostic::error(Code::Output, dir, 0, format!("the new guide could not be written: {e}"))
            .with_help("check that the folder's parent exists and is writable")
    };
    for (path, text) in FILES {
        let p = dir.join(path);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(failed)?;
        }
        fs::write(p, text).map_err(failed)?;
    }
    fs::create_dir_all(dir.join("static")).map_err(failed)?;
    fs::write(dir.join(".gitignore"), "public/\n").map_err(failed)?;
    if let Some(ci) = ci {
        let p = dir.join(ci.file());
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(failed)?;
        }
        fs::write(p, ci.workflow()).map_err(failed)?;
    }
    Ok(())
}
