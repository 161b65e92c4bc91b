//! Crontabs (system, `cron.d`, users') plus a load time series with a spike every
//! afternoon; one job causes it.
//!
//! Decoys: a commented-out job at the spike time, the same time in the morning
//! (`30 3` is not `3:30 pm`), a monthly job at the spike time, and (`subtle: true`) a
//! weekday-only culprit in a user crontab next to a harmless daily job at the same
//! minute, with a weekend in the data that has no spike.

use std::fmt::Write;

use chrono::{Datelike, Duration, NaiveDateTime, Weekday};

use super::{Generated, Plant, distinct, start_time};
use crate::lab::answer::{Form, Planted, Shape};
use crate::lab::params::Reader;
use crate::lab::writer::{LabFile, RelPath};
use crate::rng::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Sar,
    Csv,
}

#[derive(Debug, Clone)]
pub struct Params {
    pub days: u64,
    pub decoys: u64,
    pub subtle: bool,
    pub format: Format,
}

impl Params {
    pub fn read(r: &mut Reader) -> Self {
        let subtle = r.boolean("subtle", false);
        let days = r.int("days", 3, 14, 7);
        if subtle && days < 7 {
            r.conflict(
                "days",
                "`subtle: true` needs `days: 7` or more, so the data has a weekend".to_owned(),
            );
        }
        Self {
            days,
            decoys: r.int("decoys", 0, 3, 1),
            subtle,
            format: r.choice(
                "format",
                &[("sar", Format::Sar), ("csv", Format::Csv)],
                Format::Sar,
            ),
        }
    }
}

impl Plant for Params {
    fn shape(&self) -> Shape {
        Shape::Text
    }

    fn generate(&self, mut rng: Rng) -> Generated {
        let host = format!(
            "{}-{:02}",
            rng.pick(&["billing", "shop", "search", "batch"]),
            rng.range(1, 9)
        );
        let first_day = start_time(&mut rng);
        let mut prng = rng.fork(1);
        let hour = prng.range(13, 17);
        let minute = prng.range(0, 5) * 10 + prng.range(0, 1) * 5;
        let jobs = distinct(&mut prng, &HEAVY, HEAVY.len());
        let culprit = jobs[0];
        let weekdays_only = self.subtle;

        let mut tabs = Tabs::default();
        tabs.system_defaults();
        let culprit_line = if weekdays_only {
            format!("{minute} {hour} * * 1-5 {}", culprit.0)
        } else {
            format!("{minute} {hour} * * * {}", culprit.0)
        };
        let (culprit_tab, culprit_user) = if weekdays_only {
            ("var/spool/cron/crontabs/deploy".to_owned(), None)
        } else {
            (format!("etc/cron.d/{}", culprit.1), Some(culprit.2))
        };
        tabs.add(&culprit_tab, culprit_user, &culprit_line, Some(culprit.3));

        let mut drng = rng.fork(2);
        // Ordinary jobs at other times.
        for (i, job) in jobs[1..4].iter().enumerate() {
            let h = *drng.pick(&[1u64, 2, 4, 5, 22, 23]);
            let m = drng.range(0, 59);
            let tab = format!("etc/cron.d/{}", job.1);
            let when = if i == 2 {
                format!("{m} {h} * * 0")
            } else {
                format!("{m} {h} * * *")
            };
            tabs.add(&tab, Some(job.2), &format!("{when} {}", job.0), Some(job.3));
        }
        tabs.add(
            "etc/cron.d/sysstat",
            Some("root"),
            "5-55/10 * * * * command -v debian-sa1 > /dev/null && debian-sa1 1 1",
            Some("Activity reports every 10 minutes everyday"),
        );
        tabs.add("etc/cron.d/php", Some("root"), "09,39 * * * * [ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then /usr/lib/php/sessionclean; fi", Some("Look for and purge old sessions every 30 minutes"));
        tabs.add(
            "var/spool/cron/crontabs/deploy",
            None,
            "*/5 * * * * /usr/local/bin/healthcheck --quiet",
            Some("keep the status page fresh"),
        );
        if self.decoys >= 1 {
            let old = jobs[4];
            tabs.add(
                &format!("etc/cron.d/{}", culprit.1),
                Some(culprit.2),
                &format!("# {minute} {hour} * * * {}", old.0),
                Some("disabled 2025-10: moved to the batch cluster"),
            );
            let morning = if hour > 12 { hour - 12 } else { hour };
            tabs.add(
                "var/spool/cron/crontabs/postgres",
                None,
                &format!("{minute} {morning} * * * {}", jobs[5].0),
                Some("nightly maintenance"),
            );
        }
        if self.decoys >= 2 {
            tabs.add(
                "etc/crontab",
                Some("root"),
                &format!("{minute} {hour} 1 * * {}", jobs[6].0),
                None,
            );
        }
        if weekdays_only {
            tabs.add(
                "etc/cron.d/metrics",
                Some("root"),
                &format!("{minute} {hour} * * * {LIGHT}"),
                Some("daily push of app metrics; cheap"),
            );
        } else if self.decoys >= 3 {
            tabs.add(
                "etc/cron.d/metrics",
                Some("root"),
                &format!("{minute} */2 * * * {LIGHT}"),
                Some("push app metrics every two hours; cheap"),
            );
        }

        // The load series.
        let mut lrng = rng.fork(3);
        let cpus = *lrng.pick(&[4u64, 8]);
        let mut samples: Vec<(NaiveDateTime, [f64; 3])> = Vec::new();
        let step = match self.format {
            Format::Sar => 10,
            Format::Csv => 5,
        };
        let per_day = 24 * 60 / step;
        let duration = lrng.range(25, 50) as i64;
        let strength = lrng.range(5, 9) as f64 * cpus as f64 / 4.0;
        // The kernel's load averages: every 5 s each one moves towards the number of
        // runnable tasks by 1 - e^(-5 s / its window), so load15 cannot jump.
        let decay = [1.0f64, 5.0, 15.0].map(|m| (-(TICK_SECS as f64) / (60.0 * m)).exp());
        let mut averages = [0.5f64; 3];
        let mut runnable = 0.5;
        for d in 0..self.days as i64 {
            let day = first_day + Duration::days(d);
            let spike_today =
                !weekdays_only || !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            let job = day + Duration::minutes((hour * 60 + minute) as i64);
            for k in 0..(86_400 / TICK_SECS) {
                let t = day + Duration::seconds(k * TICK_SECS);
                if k % (60 / TICK_SECS) == 0 {
                    // A new number of runnable tasks each minute.
                    let minutes = f64::from(t.hour_minute());
                    let business = if (540.0..1080.0).contains(&minutes) {
                        0.6
                    } else {
                        0.15
                    };
                    runnable = lrng.around(0.35 + business * cpus as f64 / 4.0, 0.4);
                    let since = (t - job).num_minutes();
                    if spike_today && (0..duration).contains(&since) {
                        runnable += strength * (0.7 + 0.3 * lrng.unit());
                    } else if spike_today && (duration..duration + 20).contains(&since) {
                        runnable += strength * 0.3 * (1.0 - (since - duration) as f64 / 20.0);
                    }
                }
                for (average, decay) in averages.iter_mut().zip(decay) {
                    *average = *average * decay + runnable * (1.0 - decay);
                }
                if (k * TICK_SECS) % (step * 60) == 0 {
                    samples.push((t + Duration::seconds(1), averages));
                }
            }
        }
        let mut files = tabs.files();
        match self.format {
            Format::Sar => {
                for chunk in samples.chunks(per_day as usize) {
                    if let Some((day, _)) = chunk.first() {
                        let path = format!("var/log/sysstat/sar-q-{}.txt", day.format("%Y-%m-%d"));
                        files.push(LabFile::text(
                            RelPath::known(path),
                            sar(&host, cpus, chunk, &mut lrng),
                        ));
                    }
                }
            }
            Format::Csv => {
                let mut out = String::from("timestamp,load1,load5,load15\n");
                for (t, [l1, l5, l15]) in &samples {
                    let _ = writeln!(
                        out,
                        "{},{l1:.2},{l5:.2},{l15:.2}",
                        t.format("%Y-%m-%dT%H:%M:%S+00:00")
                    );
                }
                files.push(LabFile::text(RelPath::known("metrics/load.csv"), out));
            }
        }

        let program = culprit.0.split_whitespace().next().unwrap_or(culprit.0);
        let base = program.rsplit('/').next().unwrap_or(program).to_owned();
        let mut also = vec![program.to_owned(), culprit.0.to_owned()];
        also.dedup();
        Generated {
            files,
            planted: Planted::Text {
                value: base.clone(),
                form: Form::Text,
                also,
            },
            explanation: format!(
                "`{culprit_line}` in {culprit_tab} starts {base} at {hour:02}:{minute:02}{}; the load rises within minutes and stays up for about {duration} minutes.",
                if weekdays_only {
                    " on weekdays only, which is why the weekend has no spike"
                } else {
                    " every day"
                }
            ),
        }
    }
}

trait HourMinute {
    fn hour_minute(&self) -> u32;
}

impl HourMinute for NaiveDateTime {
    fn hour_minute(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

/// Heavy jobs: (command, cron.d file, user, comment).
const HEAVY: [(&str, &str, &str, &str); 9] = [
    (
        "/usr/local/bin/rebuild-search-index --full",
        "search-index",
        "search",
        "rebuild the product search index",
    ),
    (
        "/opt/reports/bin/generate-daily-reports --all-tenants",
        "reports",
        "reports",
        "daily tenant reports",
    ),
    (
        "/usr/local/sbin/backup-db.sh --compress --verify",
        "backup-db",
        "postgres",
        "database backup",
    ),
    (
        "/usr/bin/rsync -a --delete /srv/uploads/ backup-01:/backups/uploads/",
        "uploads-sync",
        "root",
        "copy uploads to the backup host",
    ),
    (
        "/usr/local/bin/thumbnail-regenerate.sh /srv/uploads",
        "thumbnails",
        "www-data",
        "regenerate missing thumbnails",
    ),
    (
        "/opt/analytics/bin/aggregate-events --since 24h",
        "analytics",
        "analytics",
        "roll up yesterday's events",
    ),
    (
        "/usr/local/bin/warm-cache.py --sitemap https://shop.example.com/sitemap.xml",
        "warm-cache",
        "www-data",
        "warm the page cache",
    ),
    (
        "/usr/local/bin/reconcile-ledger --month-to-date",
        "ledger",
        "billing",
        "reconcile payments",
    ),
    (
        "/usr/local/bin/purge-sessions.sh --older-than 30d",
        "sessions",
        "www-data",
        "purge old sessions",
    ),
];
const LIGHT: &str = "/usr/local/bin/push-metrics --endpoint http://metrics.internal:9091";

#[derive(Default)]
struct Tabs {
    /// (path, has a user field, lines)
    tabs: Vec<(String, bool, Vec<String>)>,
}

impl Tabs {
    fn system_defaults(&mut self) {
        let lines = [
            "# /etc/crontab: system-wide crontab",
            "# Unlike any other crontab you don't have to run the `crontab'",
            "# command to install the new version when you edit this file",
            "# and files in /etc/cron.d. These files also have username fields,",
            "# that none of the other crontabs do.",
            "",
            "SHELL=/bin/sh",
            "PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin",
            "",
            "# Example of job definition:",
            "# .---------------- minute (0 - 59)",
            "# |  .------------- hour (0 - 23)",
            "# |  |  .---------- day of month (1 - 31)",
            "# |  |  |  .------- month (1 - 12) OR jan,feb,mar,apr ...",
            "# |  |  |  |  .---- day of week (0 - 6) (Sunday=0 or 7) OR sun,mon,tue,wed,thu,fri,sat",
            "# |  |  |  |  |",
            "# *  *  *  *  * user-name command to be executed",
            "17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly",
            "25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }",
            "47 6\t* * 7\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }",
            "52 6\t1 * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }",
        ];
        self.tabs.push((
            "etc/crontab".to_owned(),
            true,
            lines.iter().map(|l| (*l).to_owned()).collect(),
        ));
    }

    fn add(&mut self, path: &str, user: Option<&str>, line: &str, comment: Option<&str>) {
        let index = match self.tabs.iter().position(|t| t.0 == path) {
            Some(i) => i,
            None => {
                let mut header = Vec::new();
                if path.starts_with("var/spool") {
                    header.push(
                        "# DO NOT EDIT THIS FILE - edit the master and reinstall.".to_owned(),
                    );
                    header.push(format!(
                        "# ({} installed on Mon Oct  6 09:12:44 2025)",
                        path.rsplit('/').next().unwrap_or("crontab")
                    ));
                    header.push(
                        "# (Cron version -- $Id: crontab.c,v 2.13 1994/01/17 03:20:37 vixie Exp $)"
                            .to_owned(),
                    );
                } else {
                    header.push("SHELL=/bin/sh".to_owned());
                    header.push(
                        "PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin"
                            .to_owned(),
                    );
                }
                self.tabs.push((path.to_owned(), user.is_some(), header));
                self.tabs.len() - 1
            }
        };
        let tab = &mut self.tabs[index].2;
        tab.push(String::new());
        if let Some(c) = comment {
            tab.push(format!("# {c}"));
        }
        let line = match user {
            Some(u) => {
                // Put the user after the five schedule fields (or after `# ` + five).
                let (prefix, rest) = line.strip_prefix("# ").map_or(("", line), |r| ("# ", r));
                let fields: Vec<&str> = rest.splitn(6, ' ').collect();
                if fields.len() == 6 {
                    format!("{prefix}{} {u} {}", fields[..5].join(" "), fields[5])
                } else {
                    line.to_owned()
                }
            }
            None => line.to_owned(),
        };
        tab.push(line);
    }

    fn files(&self) -> Vec<LabFile> {
        self.tabs
            .iter()
            .map(|(path, _, lines)| {
                LabFile::text(
                    RelPath::known(path.clone()),
                    format!("{}\n", lines.join("\n")),
                )
            })
            .collect()
    }
}

/// The kernel updates the load averages every 5 seconds.
const TICK_SECS: i64 = 5;

fn sar(host: &str, cpus: u64, samples: &[(NaiveDateTime, [f64; 3])], rng: &mut Rng) -> String {
    let mut out = String::new();
    let day = samples.first().map(|s| s.0).unwrap_or_default();
    let _ = writeln!(
        out,
        "Linux 6.8.0-49-generic ({host}) \t{} \t_x86_64_\t({cpus} CPU)\n",
        day.format("%m/%d/%Y")
    );
    let _ = writeln!(
        out,
        "00:00:01      runq-sz  plist-sz   ldavg-1   ldavg-5  ldavg-15   blocked"
    );
    let mut sum = (0.0, 0.0, 0.0);
    for (t, [l1, l5, l15]) in samples.iter().skip(1) {
        sum = (sum.0 + l1, sum.1 + l5, sum.2 + l15);
        let runq = (l1 * 0.8) as u64 + rng.below(2);
        let plist = 380 + rng.below(60);
        let _ = writeln!(
            out,
            "{}  {runq:>9} {plist:>9} {l1:>9.2} {l5:>9.2} {l15:>9.2} {:>9}",
            t.format("%H:%M:%S"),
            rng.below(2)
        );
    }
    let n = samples.len().saturating_sub(1).max(1) as f64;
    let _ = writeln!(
        out,
        "Average:  {:>9} {:>9} {:>9.2} {:>9.2} {:>9.2} {:>9}",
        1,
        410,
        sum.0 / n,
        sum.1 / n,
        sum.2 / n,
        0
    );
    out
}
