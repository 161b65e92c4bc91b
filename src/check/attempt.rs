//! A standalone `check` run as the attempt it is: logged to the history with its
//! result and no rubric, graded from the pass rate (every case passed = 3 Good,
//! anything less = 1 Again). A run inside a drill is part of that drill's attempt
//! instead (`!check`, SPEC §12).

use chrono::{DateTime, FixedOffset};

use super::CheckReport;
use crate::bank::Prompt;
use crate::grade::Grade;
use crate::history::{Attempt, CheckRecord, Coverage, VERSION};

/// The grade a check run earns on its own: 3 Good when every case passed, else 1 Again.
#[must_use]
pub fn grade(passed: usize, total: usize) -> Grade {
    if total > 0 && passed == total {
        Grade::GOOD
    } else {
        Grade::AGAIN
    }
}

/// The attempt a check run logs: its command and pass count as `check`, an empty
/// rubric (no points were reviewed), the computed grade, no answer text.
#[must_use]
pub fn of_run(
    prompt: &Prompt,
    report: &CheckReport,
    session_id: &str,
    started: DateTime<FixedOffset>,
    finished: DateTime<FixedOffset>,
) -> Attempt {
    let took = (finished - started).to_std().unwrap_or_default();
    Attempt {
        v: VERSION,
        id: format!("{session_id}.1"),
        session: session_id.to_owned(),
        started,
        finished,
        prompt: prompt.id.clone(),
        title: prompt.title.clone(),
        category: prompt.category.clone(),
        level: prompt.level,
        tags: prompt.tags.clone(),
        timed: false,
        time_box_secs: u64::from(prompt.minutes) * 60,
        think_secs: 0,
        answer_secs: crate::countdown::whole_secs(took),
        overtime_secs: 0,
        hints_used: 0,
        answer: String::new(),
        rubric: Coverage::default(),
        grade: grade(report.passed, report.total).value(),
        follow_ups: Vec::new(),
        note: String::new(),
        partial: false,
        version: env!("CARGO_PKG_VERSION").to_owned(),
        lab: None,
        suggested_grade: None,
        scenario: None,
        conversation: Vec::new(),
        check: Some(CheckRecord {
            command: crate::text::shell_command(&report.command),
            passed: u32::try_from(report.passed).unwrap_or(u32::MAX),
            total: u32::try_from(report.total).unwrap_or(u32::MAX),
        }),
        graded_by: None,
        ticks: Vec::new(),
        pitfalls_seen: Vec::new(),
        regrades: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_run_that_passes_every_case_is_good() {
        assert_eq!(grade(7, 7), Grade::GOOD);
        assert_eq!(grade(6, 7), Grade::AGAIN);
        assert_eq!(grade(0, 7), Grade::AGAIN);
        assert_eq!(grade(0, 0), Grade::AGAIN);
    }
}
