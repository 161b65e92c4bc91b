//! The command line as clap sees it. Doc comments are the --help text; no logic here
//! beyond parsing single values.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::bank::Level;

const EXAMPLES: &str = "\
Examples:
  sre-drill troubleshooting --timed        a timed troubleshooting session (3 prompts)
  sre-drill coding --count 1 --level entry one entry-level coding task, untimed
  sre-drill drill all --tag networking     networking prompts from every category
  sre-drill reliability --timed --time 5m  every time box set to five minutes
  sre-drill history                        past sessions, newest first
  sre-drill history show last              the last session in full
  sre-drill stats                          where you are weak, and whether it improves
  sre-drill plan                           what to read and drill next
  sre-drill list --category company        the questions to ask the interviewer

Answers, grades and timings are appended to the history file
($SRE_DRILL_HOME/history.jsonl, or the platform data folder).";

/// Practice partner for Site Reliability Engineering interviews: timed drills with
/// rubrics, follow-ups and a history to learn from.
#[derive(Debug, Parser)]
#[command(name = "sre-drill", version, after_help = EXAMPLES, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Extra folder of prompt files (*.yaml); repeatable.
    #[arg(long, value_name = "DIR", global = true)]
    pub bank: Vec<PathBuf>,

    /// History file to read and append to [default: `$SRE_DRILL_HOME/history.jsonl`].
    #[arg(long, value_name = "FILE", global = true)]
    pub history: Option<PathBuf>,

    /// No colours or styles (also `NO_COLOR=1` or `TERM=dumb`).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Print fewer messages (no warnings about skipped files).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Troubleshooting puzzles and outage stories: "how would you investigate ...?"
    #[command(after_help = TROUBLESHOOTING_EXAMPLES)]
    Troubleshooting(DrillArgs),
    /// Scripting and whiteboard tasks an SRE is asked to write.
    #[command(after_help = CODING_EXAMPLES)]
    Coding(DrillArgs),
    /// SLOs, rollouts, rollbacks, capacity, on-call: reliability thinking.
    #[command(after_help = RELIABILITY_EXAMPLES)]
    Reliability(DrillArgs),
    /// The questions you ask the company: practise them, or track what companies answered.
    ///
    /// Without a subcommand this is a practice drill of the company questions, like
    /// `sre-drill drill company`. With one it is the company tracker.
    #[command(after_help = COMPANY_EXAMPLES)]
    Company(CompanyArgs),
    /// Drill any category, including custom ones, `all`, or what is `due` or `weak`, or
    /// the prompts a job posting calls for.
    #[command(after_help = DRILL_EXAMPLES)]
    Drill {
        /// A category (coding, troubleshooting, reliability, design, behavioural, company,
        /// or a custom one), `all`, `due` (what spaced repetition says is due), `weak`
        /// (lowest recent grades), `posting` (the prompts `plan --posting FILE` lists, in
        /// its order; needs --posting), or one or more prompt ids to practise exactly
        /// those.
        #[arg(
            required = true,
            value_name = "CATEGORY|ID",
            value_parser = DrillTarget,
            hide_possible_values = true
        )]
        targets: Vec<String>,
        /// With `posting`: the job posting, a plain-text file.
        #[arg(long, value_name = "FILE")]
        posting: Option<PathBuf>,
        #[command(flatten)]
        args: DrillArgs,
    },
    /// Your own experience stories for the behavioural questions: drill them (timed to
    /// their three minutes), write one, list them.
    ///
    /// Without a subcommand this drills your stories (`--all`: with the bank's
    /// behavioural prompts) as prompts of the category `behavioural`: tell the story
    /// against the countdown, then grade it against the rubric of a strong story (a
    /// concrete situation, your own actions in "I" and a measurable result, both
    /// must-haves, a lesson, told within the time); your story as written is shown after
    /// you have told it. Attempts are logged like any other, with the story's id as the
    /// prompt id, so stats, due, plan and report count them. Stories live in
    /// `$SRE_DRILL_HOME/stories.yaml`.
    #[command(after_help = STORY_EXAMPLES)]
    Story(StoryArgs),
    /// A mock interview: you read the prompts out to a candidate and grade them.
    ///
    /// The interviewer's sheet shows the prompt to read out, then one row per rubric
    /// point (must-haves marked *) and pitfall, and for scenario prompts one row per
    /// reply with what triggers it; on a terminal the clock starts when you press Enter
    /// after reading out. While the candidate answers, type lines ended by Enter: a
    /// point's number ticks it (the time is kept), p and a number (p2) marks a pitfall
    /// seen, h gives the next hint, r shows the scenario's replies in full, . ends, and
    /// any other line is a note, kept whole; a line the candidate asked shows the reply
    /// to read out. Then the grade (the ticks suggest one), a note for the
    /// candidate, and the follow-ups.
    /// The attempts go to the candidate's history (--history) with `graded_by: NAME`.
    #[command(after_help = INTERVIEW_PROTOCOL)]
    Interview(InterviewArgs),
    /// Browse the prompt bank.
    #[command(
        after_help = "Examples:\n  sre-drill list                            every prompt, by category\n  sre-drill list --category troubleshooting --level entry\n  sre-drill list --tag networking --json    for scripts"
    )]
    List(ListArgs),
    /// Show one prompt with its rubric, hints and follow-ups.
    #[command(
        after_help = "Examples:\n  sre-drill show ts-build-disk-full-df-free        the prompt, its hints, rubric and follow-ups\n  sre-drill show ts-build-disk-full-df-free --json"
    )]
    Show {
        /// The prompt id, as `sre-drill list` shows it.
        id: String,
        /// Print the prompt as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Past sessions, newest first; `history show last` for the last one in full.
    #[command(after_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// Per category and skill area, weakest first: attempts, grades, rubric coverage,
    /// time against the box, a weekly trend, the weakest prompts, and spaced-repetition
    /// figures (retention, intervals, new / young / mature, streak).
    #[command(after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
    /// What spaced repetition says to practise now (overdue first), and when the rest
    /// comes due.
    #[command(after_help = DUE_EXAMPLES)]
    Due(DueArgs),
    /// The three weakest skill areas with the evidence, what to study for each, and
    /// which prompts to drill next; and the weakest prompt of all.
    #[command(after_help = PLAN_EXAMPLES)]
    Plan(PlanArgs),
    /// One self-contained HTML page of charts to look at or send to a mentor: grades per
    /// week, coverage by skill area, a practice calendar, time against the box,
    /// calibration, the due forecast, the weakest prompts, partner grades and
    /// spaced-repetition figures.
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Check prompt files: every problem with its file, line and column.
    ///
    /// Checks each file (and every *.yaml / *.yml below each folder) with the same
    /// checker that loads the bank: YAML syntax, unknown fields (with a "did you mean"),
    /// missing or empty fields, levels, time boxes, rubric sizes, ids used twice (naming
    /// both places), unknown tags (a warning), and the limits: 8 MiB per file, nesting
    /// depth 64, bounded alias expansion. Files in a `labs/` folder are checked as lab
    /// files; `topics.yaml` as a topic map and `stories.yaml` as your stories. Prints `path:line:column: message` per problem, then a count. Exit code 0
    /// when there is no error (warnings are fine), 2 otherwise.
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate {
        /// Prompt files or folders to check.
        #[arg(value_name = "PATH", required = true)]
        paths: Vec<PathBuf>,
        /// Print the problems as JSON: {files, errors, warnings, problems: [{path, line, column, severity, message}]}.
        #[arg(long)]
        json: bool,
        /// A file of labelled candidate lines for one of your scenarios (the format is in
        /// docs/hearing.md): how well the interviewer hears them, and the lines it missed.
        #[arg(long, value_name = "FILE")]
        hearing: Vec<PathBuf>,
    },
    /// Write a new prompt of your own, guided question by question.
    ///
    /// Asks for the fields, checks them with the bank's checker, and appends the prompt
    /// to FILE (default `$SRE_DRILL_HOME/drills/custom.yaml`, created if missing). The
    /// file is replaced through a temp file and a rename, so it is never left broken;
    /// a file that already has errors is not touched (run `sre-drill validate FILE`).
    #[command(after_help = ADD_PROTOCOL)]
    Add {
        /// The prompt file to append to [default: `$SRE_DRILL_HOME/drills/custom.yaml`].
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Use the line protocol even on a terminal (it is used whenever stdin is not one).
        #[arg(long)]
        plain: bool,
        /// Give prompt ID, one of your own prompts (not a company question), a scenario:
        /// only question 15 is asked, and the scenario is written into that prompt's entry.
        #[arg(long, value_name = "ID", conflicts_with = "file")]
        scenario: Option<String>,
    },
    /// Hands-on labs: a folder of generated, broken evidence to investigate with your own
    /// tools; your answer is checked at once and graded for you.
    ///
    /// The lab folder is created under `$SRE_DRILL_HOME/labs/` from a seed and removed
    /// afterwards (unless --keep). Answer on one line per try (3 tries); a line `?` shows
    /// the next hint, `!` opens the shell again (with --shell). The grade is computed:
    /// first try, no hints, inside the time box = 4 Easy; each hint, extra try or
    /// overtime costs one step (3 Good, then 2 Hard); not solved = 1 Again. Then the
    /// note and the reliability follow-ups, and the attempt goes to the history
    /// (category `lab`). Lab files are data: they pick a built-in generator by name and
    /// never contain commands.
    #[command(after_help = LAB_EXAMPLES)]
    Lab(LabArgs),
    /// Run your own program against a checked coding prompt's generated cases.
    #[command(long_about = CHECK_ABOUT, after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Print a shell completion script.
    ///
    /// bash: `sre-drill completions bash > ~/.local/share/bash-completion/completions/sre-drill`
    /// zsh: `sre-drill completions zsh > ~/.zfunc/_sre-drill` (with ~/.zfunc in fpath)
    /// fish: `sre-drill completions fish > ~/.config/fish/completions/sre-drill.fish`
    #[command(
        after_help = "Examples:\n  sre-drill completions bash > ~/.local/share/bash-completion/completions/sre-drill\n  sre-drill completions zsh > ~/.zfunc/_sre-drill\n  sre-drill completions fish > ~/.config/fish/completions/sre-drill.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout.
    ///
    /// Install: `sre-drill man > ~/.local/share/man/man1/sre-drill.1`, then `man sre-drill`.
    /// `--dir DIR` writes sre-drill.1 and one sre-drill-COMMAND.1 per command into DIR.
    #[command(
        after_help = "Examples:\n  sre-drill man > ~/.local/share/man/man1/sre-drill.1\n  sre-drill man --dir ~/.local/share/man/man1"
    )]
    Man {
        /// Write one page per command into this folder instead of printing.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

/// Any word is a target; the built-in categories and the reserved words are offered
/// to shell completion.
#[derive(Debug, Clone, Copy)]
pub struct DrillTarget;

impl clap::builder::TypedValueParser for DrillTarget {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let words = crate::bank::Category::BUILT_IN
            .iter()
            .chain(crate::bank::Category::RESERVED.iter());
        Some(Box::new(
            words.map(|w| clap::builder::PossibleValue::new(*w)),
        ))
    }
}

const TROUBLESHOOTING_EXAMPLES: &str = "\
Examples:
  sre-drill troubleshooting --timed              three timed prompts
  sre-drill troubleshooting --count 1 --level entry
  sre-drill troubleshooting --tag networking --seed 7 --follow-ups 0";

const CODING_EXAMPLES: &str = "\
Examples:
  sre-drill coding --count 1                     one coding task, untimed
  sre-drill coding --timed --time 20m --editor   20 minutes each, answers in $EDITOR

In a checked coding prompt (`sre-drill check --list`), a line `!check CMD` in your answer,
like `!check python3 solution.py`, runs your program against the checker's generated cases
and shows the result; passing every case ticks the rubric points a check proves.";

const RELIABILITY_EXAMPLES: &str = "\
Examples:
  sre-drill reliability --timed                  three timed prompts
  sre-drill reliability --level senior --count 2";

const DRILL_EXAMPLES: &str = "\
Examples:
  sre-drill drill all --count 5                  five prompts from every category
  sre-drill drill due                            what spaced repetition says is due
  sre-drill drill weak --timed                   your weakest prompts, timed
  sre-drill drill design                         a category from your own prompt files
  sre-drill drill ts-build-disk-full-df-free     exactly this prompt
  sre-drill drill posting --posting job.txt --count 5
                                                 the first five prompts of the plan for a job";

const STORY_EXAMPLES: &str = "\
Examples:
  sre-drill story add                        write a story, question by question
  sre-drill story                            tell three of your stories, 3 minutes each
  sre-drill story --all --count 2            your stories and the bank's behavioural prompts
  sre-drill story --untimed --follow-ups 0   no countdown, no follow-ups
  sre-drill story list                       your stories and how often you told each";

pub(crate) const STORY_ADD_PROTOCOL: &str = "\
Examples:
  sre-drill story add                        ask, then append to $SRE_DRILL_HOME/stories.yaml
  sre-drill story add < story.txt            the same, from the plain-mode lines below

Plain mode (stdin is not a terminal, TERM=dumb, or --plain): questions go to stderr and answers are
read from stdin, in this order:
  1. title       one line: the story in a few words
  2. id          one line; empty accepts the id suggested from the title (story-...);
                 `story-` is added when missing
  3. situation   lines up to a line that is exactly `.`: when, which system, who was affected
  4. task        lines up to `.` (`.` alone for none): what you had to do
  5. action      lines up to `.`: what you did yourself, in \"I\"
  6. result      lines up to `.`: how it ended
  7. numbers     one per line, the figures that show the result (40 minutes, 3% of orders);
                 an empty line ends
  8. learned     lines up to `.` (`.` alone for none): what you learned or changed
  9. topics      one line, separated by commas: what it answers for (kubernetes, on-call,
                 incident response); may be empty
An empty situation, action or result gets a one-line complaint on stderr and the question
again. If input ends before question 9 is answered, nothing is written and the exit code is 2.";

const LAB_EXAMPLES: &str = "\
Examples:
  sre-drill lab --list                       the labs, with level, time box and generator
  sre-drill lab --timed --shell              pick a lab, open a shell in its folder, timed
  sre-drill lab lab-5xx-client --keep        one lab; keep its folder afterwards
  sre-drill lab lab-5xx-client --seed 42     the same folder again (seeds are in history)
  sre-drill lab lab-5xx-client --pipeline 'cut -d\" \" -f1,9 var/log/nginx/access.log |
    grep \" 5..$\" | cut -d\" \" -f1 | sort | uniq -c | sort -rn | head -1 | awk \"{print \\$2}\"'
                                             prove your method on a fresh folder

Plain mode (stdin not a terminal): one answer per line (`?` for a hint), then the note
line, then each follow-up's answer lines up to `.` and its grade line.
Your own lab packs: $SRE_DRILL_HOME/drills/labs/*.yaml and --bank DIR/labs/*.yaml.";

#[derive(Debug, Clone, Args)]
#[allow(clippy::struct_excessive_bools)] // independent command-line flags
pub struct LabArgs {
    /// The lab to run (see --list); without it, one is picked: due labs first, then
    /// never-seen ones.
    pub id: Option<String>,

    /// List the labs instead of running one.
    #[arg(long, conflicts_with_all = ["timed", "shell", "pipeline", "keep", "seed"])]
    pub list: bool,

    /// With --list: print the labs as a JSON array.
    #[arg(long, requires = "list")]
    pub json: bool,

    /// Count down the lab's time box (untimed labs still log the time taken).
    #[arg(long)]
    pub timed: bool,

    /// Open $SHELL (or /bin/sh) in the lab folder; exit it to come back and answer.
    #[arg(long)]
    pub shell: bool,

    /// Run your own shell pipeline (sh -c, 10 s limit) in a fresh lab folder from
    /// another seed and check that what it prints is that folder's answer. A pipeline
    /// that finds it is logged as a solved lab (grade 4) with the pipeline as the
    /// answer; one that misses is not logged.
    #[arg(long, value_name = "CMD", conflicts_with_all = ["shell", "timed"])]
    pub pipeline: Option<String>,

    /// Seed for the lab folder (and the pick), to get the same lab again.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Keep the lab folder afterwards (it is removed by default).
    #[arg(long)]
    pub keep: bool,

    /// Reliability follow-ups asked after the lab (0 to skip).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=5))]
    pub follow_ups: u8,
}

const VALIDATE_EXAMPLES: &str = "\
Examples:
  sre-drill validate drills/mine.yaml         one file
  sre-drill validate ~/my-prompts             every *.yaml and *.yml below a folder
  sre-drill validate a.yaml b.yaml --json     problems as JSON, for scripts and editors

Output:
  drills/mine.yaml:14:5: unknown field `rubrik` in a prompt; did you mean `rubric`?
  drills/mine.yaml:20:12: warning: tag 'netwrking' is not a known skill area; did you mean `networking`?
  1 error, 1 warning in 1 file";

pub(crate) const ADD_PROTOCOL: &str = "\
Examples:
  sre-drill add                                   ask, then append to your custom.yaml
  sre-drill add --file ~/team-prompts/design.yaml append to another file
  sre-drill add < answers.txt                     the same, from the plain-mode lines below
  sre-drill add --scenario ts-my-disk             give one of your prompts a scenario

Plain mode (stdin is not a terminal, TERM=dumb, or --plain): questions go to stderr and answers are
read from stdin, in this order:
  1. category      one line: coding, troubleshooting, reliability, company, or your own (design)
  2. title         one line
  3. id            one line; empty accepts the id suggested from the title
  4. level         one line: entry, mid or senior; empty for mid
  5. tags          one line, separated by spaces or commas; may be empty
  6. minutes       one line, 1 to 180; empty for the category's default
  7. prompt text   lines up to a line that is exactly `.`
  8. hints         one per line; an empty line ends the list
  9. rubric        one per line; an empty line ends (at least 2; 1 for a custom category)
 10. pitfalls      one per line; an empty line ends
 11. follow-ups    one per line; an empty line ends
For category company, 9 and 10 are replaced by three questions:
     why           one line, may be empty
     listen_for    one per line; an empty line ends (at least 2)
     red_flags     one per line; an empty line ends
Then, each optional (input that ends before them leaves them out):
 12. must-haves    one line: numbers of the rubric points an answer cannot miss (`2 3`),
                   or empty (not for company prompts)
 13. listen for    `N: phrase, phrase` per line, the words that show point N was
                   covered; an empty line ends (not for company prompts)
 14. follow-ups, listen for
                   `N: phrase, phrase` per line for follow-up N; an empty line ends
                   (asked when there are follow-ups)
 15. scenario      troubleshooting only: lines up to a line that is exactly `.`
                   (`.` alone for none), each one entry of what the interviewer answers:
                     fact: PHRASES => REPLY               a clarifying question's answer
                     evidence ID [key]: PHRASES => OUTPUT what a check shows
                     risky: PHRASES => QUESTION           an action the interviewer questions
                     cause: PHRASES => EXPLANATION        exactly one
                     fix good: PHRASES => RESULT          a mitigation that works
                     fix bad: PHRASES => RESULT           one that does not
                     after 5m: EVENT                      the incident moves on
                     otherwise: REPLY                     for questions that match nothing
                   PHRASES are separated by commas; `\\n` in a reply starts a new line.
 15. facts         any other category but company: `fact: PHRASES => REPLY` lines up to
                   a line `.` (`.` alone for none), the clarifying questions the
                   interviewer answers in the answer phase.
An invalid line gets a one-line complaint on stderr and the same question again; a list
that ends before its minimum gets a complaint and continues. If input ends before
question 11 is answered, nothing is written and the exit code is 2.";

const INTERVIEW_PROTOCOL: &str = "\
Examples:
  sre-drill interview troubleshooting --partner Sam --count 2 --timed --feedback ana.md
  sre-drill interview ts-build-disk-full-df-free --partner Sam --history ana.jsonl
  sre-drill history show last --markdown --history ana.jsonl   the letter again, later

Plain mode (stdin not a terminal, or --plain): the sheet goes to stderr; per prompt, read
from stdin in this order:
  1. notes        lines up to a line that is exactly `.`; a line `?` gives the next hint
  2. points       one line: rubric numbers covered (`1 3`), `all`, `auto`, or empty
  3. pitfalls     one line: pitfall numbers seen (`2`), or empty (asked when it has some)
  4. grade        one line: 1-4 or again/hard/good/easy
  5. note         one line for the candidate, may be empty
  6. follow-ups   per follow-up: answer lines up to `.`, then a grade line
For example, two prompts, one follow-up each:
  printf 'df -i\\n?\\n.\\n1 2\\n3\\n2\\ninodes first\\nalerts\\n.\\n3\\n.\\n\\n\\n1\\n\\n.\\n1\\n' |
    sre-drill interview ts-build-disk-full-df-free tsv-overload-after-failover \\
      --partner Sam --follow-ups 1 --seed 1
An invalid line gets a one-line complaint and the same question again. Ticks in plain
mode carry the time the points line was read.";

/// `sre-drill interview`: what to ask, who asks, and the letter.
#[derive(Debug, Clone, Args)]
#[allow(clippy::struct_excessive_bools)] // independent command-line flags
pub struct InterviewArgs {
    /// A category, `all`, or one or more prompt ids [default: all].
    #[arg(value_name = "CATEGORY|ID")]
    pub targets: Vec<String>,

    /// The interviewer's name, kept in each record as `graded_by`.
    #[arg(long, value_name = "NAME", required = true)]
    pub partner: String,

    /// Write a feedback letter for the candidate (Markdown) to this file at the end.
    #[arg(long, value_name = "FILE.md")]
    pub feedback: Option<PathBuf>,

    /// Count down each prompt's time box.
    #[arg(long)]
    pub timed: bool,

    /// How many prompts in the interview (for a category or `all`).
    #[arg(long, short = 'n', default_value_t = 2, value_parser = parse_count)]
    pub count: usize,

    /// Only prompts with this tag (skill area); repeat for any of several.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Only prompts of this level; repeatable.
    #[arg(long, value_name = "LEVEL", value_parser = LevelParser)]
    pub level: Vec<Level>,

    /// Use this time box for every prompt instead of its own (90s, 10m, 1h30m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time: Option<Duration>,

    /// Seed for a reproducible pick of prompts and follow-ups.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Follow-ups asked after each prompt (0 to skip).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=5))]
    pub follow_ups: u8,

    /// Use the line protocol even on a terminal (it is used whenever stdin is not one).
    #[arg(long)]
    pub plain: bool,
}

#[derive(Debug, Clone, Args)]
pub struct DrillArgs {
    /// Count down each prompt's time box (untimed sessions still log the time taken).
    #[arg(long)]
    pub timed: bool,

    /// How many prompts in the session.
    #[arg(long, short = 'n', default_value_t = 3, value_parser = parse_count)]
    pub count: usize,

    /// Only prompts with this tag (skill area); repeat for any of several.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Only prompts of this level; repeatable.
    #[arg(long, value_name = "LEVEL", value_parser = LevelParser)]
    pub level: Vec<Level>,

    /// Use this time box for every prompt instead of its own (90s, 10m, 1h30m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time: Option<Duration>,

    /// Seed for a reproducible pick of prompts.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Write answers in $VISUAL/$EDITOR instead of the terminal.
    #[arg(long)]
    pub editor: bool,

    /// Reliability follow-ups asked after each prompt (0 to skip).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=5))]
    pub follow_ups: u8,

    /// Use the line protocol even on a terminal (it is used whenever stdin is not one).
    #[arg(long)]
    pub plain: bool,
}

const COMPANY_EXAMPLES: &str = "\
Examples:
  sre-drill company --count 1                  practise one question to ask an interviewer
  sre-drill company dealbreakers add co-dev-teams-on-call \"developers are not on call\"
  sre-drill company ask \"Acme Corp\" --stage onsite --role SRE
                                               record what Acme answered, flag each answer
  sre-drill company list                       every company, with deal-breaker hits marked
  sre-drill company compare Acme Globex        side by side, deal-breakers first
  sre-drill company show Acme --markdown       one company's notes, ready to share

Answers are appended to $SRE_DRILL_HOME/companies.jsonl; nothing is ever overwritten.";

/// `sre-drill company`: a drill of the company questions, or a tracker subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CompanyArgs {
    #[command(subcommand)]
    pub command: Option<CompanyCommand>,
    #[command(flatten)]
    pub drill: DrillArgs,
}

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Record a company's answers to your questions, flag each one, add notes.
    ///
    /// Shows each question with what to listen for and the red flags, then reads the
    /// company's answer (end with a line `.`) and a flag: green, neutral or red. Each
    /// answer is saved as soon as it is flagged. Asking the same company again adds a
    /// later round. Default questions: your deal-breakers plus a core set.
    ///
    /// Plain mode (stdin not a terminal), per question: answer lines up to a line `.`,
    /// then one flag line (green/neutral/red, g/n/r, empty = neutral); after the last
    /// question one line of notes. An empty answer flagged neutral is skipped.
    #[command(
        visible_alias = "add",
        after_help = "Examples:\n  sre-drill company ask \"Acme Corp\"\n  sre-drill company ask Globex --questions co-on-call-load,co-last-page --stage \"phone screen\"\n  sre-drill company ask Initech --date 2026-11-20 --interviewer \"Dana (SRE lead)\""
    )]
    Ask(AskArgs),
    /// Your deal-breakers: a question and the answer you would not accept.
    #[command(
        after_help = "Examples:\n  sre-drill company dealbreakers\n  sre-drill company dealbreakers add co-dev-teams-on-call \"developers are not on call\"\n  sre-drill company dealbreakers add co-on-call-load more than two pages a night\n  sre-drill company dealbreakers remove co-on-call-load"
    )]
    Dealbreakers(DealbreakersArgs),
    /// Every company: last contact, rounds, red flags, and deal-breaker hits.
    #[command(
        after_help = "Examples:\n  sre-drill company list\n  sre-drill company list --json | jq -r '.[].name'"
    )]
    List {
        /// Print a JSON array of companies.
        #[arg(long)]
        json: bool,
    },
    /// One company in full: rounds, notes, every answer by question.
    #[command(
        after_help = "Examples:\n  sre-drill company show acme\n  sre-drill company show Acme --markdown > acme.md\n  sre-drill company show Acme --width 60"
    )]
    Show {
        /// The company (any case).
        name: String,
        #[command(flatten)]
        output: CompanyOutput,
    },
    /// Companies side by side, question by question, deal-breakers first.
    #[command(
        after_help = "Examples:\n  sre-drill company compare Acme Globex Initech\n  sre-drill company compare Acme Globex --width 120\n  sre-drill company compare Acme Globex --markdown > offers.md"
    )]
    Compare {
        /// Two or more companies (any case).
        #[arg(num_args = 2.., required = true, value_name = "NAME")]
        names: Vec<String>,
        #[command(flatten)]
        output: CompanyOutput,
    },
    /// Give a company a new name; its rounds and answers follow.
    #[command(after_help = "Examples:\n  sre-drill company rename acme \"Acme Corp\"")]
    Rename {
        /// The name it has now (any case).
        old: String,
        /// The new name.
        new: String,
    },
    /// Forget everything recorded about a company (asks first; `--yes` when not on a terminal).
    #[command(
        after_help = "Examples:\n  sre-drill company forget Initech          asks before forgetting\n  sre-drill company forget Initech --yes    from a script"
    )]
    Forget {
        /// The company (any case).
        name: String,
        /// Do not ask for confirmation (needed when stdin is not a terminal, or TERM=dumb).
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// The company, as you want it shown (matched in any case later).
    pub name: String,
    /// Question ids to ask, comma-separated or repeated, or `all` [default: your
    /// deal-breakers plus a core set].
    #[arg(long, short = 'Q', value_name = "ID,ID", value_delimiter = ',')]
    pub questions: Vec<String>,
    /// The role you interviewed for.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The stage of the process (phone screen, onsite, final ...).
    #[arg(long, value_name = "STAGE")]
    pub stage: Option<String>,
    /// Who you talked to.
    #[arg(long, value_name = "NAME")]
    pub interviewer: Option<String>,
    /// The day of the interview [default: today].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct DealbreakersArgs {
    #[command(subcommand)]
    pub command: Option<DealbreakerCommand>,
    /// Print the deal-breakers as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum DealbreakerCommand {
    /// List the deal-breakers (the default).
    #[command(
        after_help = "Examples:\n  sre-drill company dealbreakers list\n  sre-drill company dealbreakers list --json"
    )]
    List {
        /// Print the deal-breakers as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Make a question a deal-breaker, with the answer you would not accept.
    #[command(
        after_help = "Examples:\n  sre-drill company dealbreakers add co-dev-teams-on-call \"developers are not on call\"\n  sre-drill company dealbreakers add co-on-call-load more than two pages a night"
    )]
    Add {
        /// A company question id, as `sre-drill list --category company` shows it.
        question: String,
        /// The condition, in your words ("developers are not on call"); quotes optional.
        #[arg(required = true, num_args = 1.., trailing_var_arg = true)]
        condition: Vec<String>,
    },
    /// Stop treating a question as a deal-breaker.
    #[command(after_help = "Examples:\n  sre-drill company dealbreakers remove co-on-call-load")]
    Remove {
        /// The question id.
        question: String,
    },
}

/// How `show` and `compare` print.
#[derive(Debug, Args)]
pub struct CompanyOutput {
    /// Print JSON.
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print Markdown, for sharing notes.
    #[arg(long)]
    pub markdown: bool,
    /// Fit the text to this many columns [default: $COLUMNS, else the terminal, else 80].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date; use YYYY-MM-DD, like 2026-11-20"))
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this category.
    #[arg(long)]
    pub category: Option<String>,
    /// Only prompts with this tag; repeat for any of several.
    #[arg(long)]
    pub tag: Vec<String>,
    /// Only this level; repeatable.
    #[arg(long, value_parser = LevelParser)]
    pub level: Vec<Level>,
    /// Print a JSON array of prompts (with their source file).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    /// Print the stored records as a JSON array, newest first.
    #[arg(long)]
    pub json: bool,
    /// Print one CSV row per attempt, newest first (for spreadsheets).
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Show at most this many sessions.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Only attempts since then: 7d, 2w, 1y, 12h, today or a date like 2026-01-01.
    #[arg(long, value_name = "WHEN", value_parser = crate::review::filter::Since::parse)]
    pub since: Option<crate::review::filter::Since>,
    /// Only attempts in this category.
    #[arg(long, value_name = "C")]
    pub category: Option<String>,
    /// Only attempts at this prompt id.
    #[arg(long, value_name = "ID")]
    pub prompt: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// One session in full (answers, rubric points, grades, follow-ups, timings), or
    /// with `--prompt ID` one prompt's attempts side by side over time.
    #[command(
        group(clap::ArgGroup::new("which").required(true).args(["session", "prompt"])),
        after_help = "Examples:\n  sre-drill history show last               the last session in full\n  sre-drill history show 20261127            a session by the start of its id\n  sre-drill history show --prompt ts-build-disk-full-df-free"
    )]
    Show {
        /// A session id (or a unique start of one), or `last`.
        session: Option<String>,
        /// Instead of a session: every attempt at this prompt, oldest first.
        #[arg(long, value_name = "ID", conflicts_with = "session")]
        prompt: Option<String>,
        /// The session as a feedback letter in Markdown, as `interview --feedback` writes it.
        #[arg(long, conflicts_with = "prompt")]
        markdown: bool,
    },
    /// Merge another history file (another laptop, a git merge) into this one: records
    /// already here are skipped, damaged lines are reported, and a record whose attempt
    /// id is here with different content is reported as a conflict; the record here is kept.
    #[command(
        after_help = "Examples:\n  sre-drill history import laptop.jsonl\n  sre-drill history import ~/backup/history.jsonl --history ~/work-history.jsonl"
    )]
    Import {
        /// The JSON Lines history file to merge in.
        file: PathBuf,
    },
    /// The lines you typed to an interviewer that got no real answer (`otherwise`, off
    /// the topic, or nothing), per prompt, newest first: what to add to a scenario or
    /// to your own vocabulary file.
    #[command(
        after_help = "Examples:\n  sre-drill history unheard\n  sre-drill history unheard --prompt ts-df-du-disagree"
    )]
    Unheard {
        /// Only this prompt's lines.
        #[arg(long, value_name = "ID")]
        prompt: Option<String>,
    },
    /// Correct the grade of a logged attempt: appends a regrade line; the latest grade
    /// counts from then on (stats, due, plan, report), and the record keeps both.
    #[command(
        after_help = "Examples:\n  sre-drill history regrade last 3               the last graded attempt is a 3 Good\n  sre-drill history regrade 20261127-100000-3fa2c1d0.2 hard"
    )]
    Regrade {
        /// The attempt's id (as `history --json` shows it) or `last` for the newest.
        attempt: String,
        /// The grade: 1-4 or again/hard/good/easy.
        grade: String,
    },
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print the statistics as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only the last N weeks: this week and the N - 1 before it [default: the whole
    /// history].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=104))]
    pub weeks: Option<u16>,
    /// Only attempts graded by: `self`, any `partner`, or one partner's NAME.
    #[arg(long, value_name = "self|partner|NAME")]
    pub graded_by: Option<String>,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Print every scheduled prompt as JSON: `due` (most overdue first) and `upcoming`.
    #[arg(long)]
    pub json: bool,
    /// List at most this many upcoming prompts.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub upcoming: usize,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where to write the page [default: sre-drill-report.html in the current folder].
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// How far back the calendar and the weekly charts reach: 90d, 12w, 1y (365 days),
    /// or a date like 2026-01-01. The calendar covers all of it; the weekly charts start
    /// no earlier than the first week with an attempt. The other figures cover the whole
    /// history, as `stats` does.
    #[arg(long, value_name = "WHEN", default_value = "90d", value_parser = crate::review::filter::Since::parse)]
    pub since: crate::review::filter::Since,
    /// Open the page with the system's opener (xdg-open, open) when there is one.
    #[arg(long)]
    pub open: bool,
}

const REPORT_EXAMPLES: &str = "\
Examples:
  sre-drill report                     writes sre-drill-report.html here
  sre-drill report --open              and opens it in the browser
  sre-drill report --since 26w --out ~/progress.html

Every figure on the page is the one `stats --json` and `due --json` print.";

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Print the plan as JSON.
    #[arg(long)]
    pub json: bool,
    /// Plan for one job: read the posting's plain text from FILE (`-` for stdin) and plan
    /// the topics it names (the topic map: README, "Aim at one job").
    #[arg(long, value_name = "FILE|-")]
    pub posting: Option<PathBuf>,
}

/// `sre-drill story`: a drill of your stories, or a subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StoryArgs {
    #[command(subcommand)]
    pub command: Option<StoryCommand>,
    #[command(flatten)]
    pub drill: StoryDrillArgs,
}

#[derive(Debug, Subcommand)]
pub enum StoryCommand {
    /// Write one of your own stories, guided question by question, to
    /// `$SRE_DRILL_HOME/stories.yaml`.
    ///
    /// Asks for the title, an id (story-SLUG, kept by your history), the situation, the
    /// task, what you did, the result, the numbers that show it, what you learned and the
    /// topics it answers for. The file is replaced through a temp file and a rename, so
    /// it is never left half-written; a file with a problem is not touched.
    #[command(after_help = STORY_ADD_PROTOCOL)]
    Add {
        /// Use the line protocol even on a terminal (it is used whenever stdin is not one).
        #[arg(long)]
        plain: bool,
    },
    /// List your stories: id, title, topics, and how often you told each.
    #[command(
        after_help = "Examples:\n  sre-drill story list\n  sre-drill story list --json | jq -r '.[].id'"
    )]
    List {
        /// Print the stories as JSON, each with its attempts and last grade.
        #[arg(long)]
        json: bool,
    },
}

/// How `sre-drill story` drills.
#[derive(Debug, Clone, Args)]
#[allow(clippy::struct_excessive_bools)] // independent command-line flags
pub struct StoryDrillArgs {
    /// Also the bank's behavioural prompts ("Tell me about an outage you were part of").
    #[arg(long)]
    pub all: bool,

    /// No countdown (the time is still logged).
    #[arg(long)]
    pub untimed: bool,

    /// How many stories in the session.
    #[arg(long, short = 'n', default_value_t = 3, value_parser = parse_count)]
    pub count: usize,

    /// Only stories (and prompts) with this tag; repeat for any of several.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Use this time box instead of three minutes (90s, 2m, 5m).
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time: Option<Duration>,

    /// Seed for a reproducible pick.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Write answers in $VISUAL/$EDITOR instead of the terminal.
    #[arg(long)]
    pub editor: bool,

    /// Follow-ups asked after each story (0 to skip).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=5))]
    pub follow_ups: u8,

    /// Use the line protocol even on a terminal (it is used whenever stdin is not one).
    #[arg(long)]
    pub plain: bool,
}

const HISTORY_EXAMPLES: &str = "\
Examples:
  sre-drill history --since 7d               sessions of the last week
  sre-drill history --category coding --csv  every coding attempt as CSV
  sre-drill history --prompt ts-build-disk-full-df-free --json
  sre-drill history show last                the last session in full
  sre-drill history show --prompt ts-build-disk-full-df-free
                                             how your answers to one prompt changed
  sre-drill history import laptop.jsonl      merge another machine's history";

const STATS_EXAMPLES: &str = "\
Examples:
  sre-drill stats              the whole history: tables, weekly trend lines (▁ 1 .. █ 4)
  sre-drill stats --weeks 8    only the last 8 weeks
  sre-drill stats --json | jq '.categories[0]'   the weakest category
  sre-drill stats --graded-by partner          only mock interviews graded by a partner

Weakest means the lowest recent score: the average of the last 3 grades of a prompt, or
of the last 10 attempts in a skill area or category, where an attempt that missed a
must-have counts as 1.5 at most. A change compares the last 4 complete weeks with the
4 before, from 20 attempts in them. Where a category has both self-graded and
partner-graded attempts, a table compares the two average grades (`graders` in --json).";

const DUE_EXAMPLES: &str = "\
Examples:
  sre-drill due                 due now, most overdue first, then the next 10
  sre-drill drill due           practise what is due
  sre-drill due --json | jq -r '.due[].prompt'

The schedule is FSRS, replayed from the history file on every run: a grade of
1 Again brings a prompt back soon, 3 Good or 4 Easy pushes it further out.";

const PLAN_EXAMPLES: &str = "\
Examples:
  sre-drill plan                what to read and drill next
  sre-drill plan --json | jq '.areas[].tag'
  sre-drill plan --posting job.txt         the plan for one job posting
  sre-drill plan --posting - < job.txt     the same, from stdin
  sre-drill drill posting --posting job.txt   drill the prompts that plan lists

Areas are the tags of the prompts. Weakest means the lowest recent score: the average
of the last 10 grades in an area (the last 3 of a prompt), where an attempt that missed
a must-have counts as 1.5 at most; `stats` ranks by the same rule. `sre-drill drill
weak` drills the weakest prompts and areas.

With --posting: the topics the posting names (from the topic map: drills/topics.yaml, with
your $SRE_DRILL_HOME/topics.yaml on top), the words that named each, your standing on each
(attempts and recent grade, or not practised yet), the prompts to drill in order (topics
never practised first, then the weakest), what to read, which of your stories cover each
topic and which no story covers yet, and the topics the bank cannot cover.";

fn parse_count(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("a session needs at least 1 prompt".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{text}' is not a whole number")),
    }
}

fn parse_level(text: &str) -> Result<Level, String> {
    Level::parse(&text.to_ascii_lowercase())
        .ok_or_else(|| format!("'{text}' is not a level; use entry, mid or senior"))
}

/// `--level`: one of the three levels, in any case; shells complete the three names.
#[derive(Clone, Copy, Debug)]
struct LevelParser;

impl clap::builder::TypedValueParser for LevelParser {
    type Value = Level;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Level, clap::Error> {
        let text = value.to_string_lossy();
        parse_level(&text).map_err(|why| {
            let name = arg.map_or_else(|| "--level".to_owned(), ToString::to_string);
            clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value '{text}' for '{name}': {why}\n\nFor more information, try '--help'.\n"),
            )
            .with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            ["entry", "mid", "senior"]
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

pub use crate::text::parse_duration;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}

pub const CHECK_ABOUT: &str = "\
Run your own program against a checked coding prompt's generated cases.

Each run generates fresh cases from a new seed (so a hard-coded answer fails): the edge
cases interviewers probe (empty input, malformed lines, ties, exact thresholds, unicode),
which take new values with every seed, and one large input that a quadratic solution
cannot finish in time. Every case runs in a fresh temp folder (removed afterwards, also on
Ctrl-C) with its input on stdin or in the file the prompt names, a time limit per case,
and standard output cut at 1 MiB. Output is compared after removing trailing whitespace
(and ignoring line order where the prompt says so). A program that exits non-zero or is
killed by a signal fails the case as `crashed (exit N)` or `crashed (signal N, NAME)`,
with the last line of its stderr, whatever it printed.

One line per case, then the first failure: each input (up to 40 lines, then how many
more), the expected output and yours as a diff, and the end of stderr for a crash. That
case is always saved in full in $SRE_DRILL_HOME/check/last/ (input: the standard input;
the case's files by name; expected; actual: your standard output; stderr), replacing the
one before; --keep DIR saves every case the same way in DIR/case-1 ... DIR/case-N. Then
a summary, with the command that runs the same cases again. Files named on the command
line are found in the folder you run the check from, and messages show them as you typed
them; a program file that does not exist (`python3 sol.py` with no sol.py there) is
reported before any case runs.

The run is logged to the history (--history FILE) as an attempt of the prompt, with its
command and how many cases passed, and no rubric: its grade is computed, 3 Good when
every case passed and 1 Again otherwise. --no-log skips that. To be graded on the rubric
too, drill the prompt and type `!check CMD` in your answer.

Your program runs with your own permissions, like anything you run in your shell.
Nothing from a prompt file is ever run: a prompt's `check:` block only names a built-in
checker. Exit code 0 when every case passes, 1 when a case failed, 2 for bad usage
(unknown id, a prompt without a checker, a command or program file that cannot be
found).";

pub const CHECK_EXAMPLES: &str = "\
Examples:
  sre-drill check --list                                the checked prompts
  sre-drill show chk-token-bucket                       read the contract first
  sre-drill check chk-token-bucket -- python3 bucket.py
  sre-drill check chk-lru-cache -- ./target/release/lru
  sre-drill check chk-cron-next-runs --seed 42 -- node cron.js     the same cases again
  sre-drill check chk-meminfo --keep cases -- python3 mem.py       every case in cases/case-N
  sre-drill check chk-top-5xx-clients --timeout 3 --json --no-log -- python3 top.py";

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The checked prompt (see --list).
    #[arg(required_unless_present = "list")]
    pub id: Option<String>,

    /// List the checked prompts instead of running a check.
    #[arg(long, conflicts_with_all = ["seed", "command", "keep", "no_log"])]
    pub list: bool,

    /// Print the result (or the list) as JSON.
    #[arg(long)]
    pub json: bool,

    /// Seed for the generated cases, to run the same cases again (printed by each run).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Time limit per case, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Save every case in DIR/case-N/: input (standard input), the case's files,
    /// expected, actual (your standard output) and stderr. Old case-N folders in DIR
    /// are replaced.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,

    /// Do not log the run to the history (it is logged as an attempt of the prompt).
    #[arg(long)]
    pub no_log: bool,

    /// Your program and its arguments, after `--`: `-- python3 solution.py`.
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<String>,
}
