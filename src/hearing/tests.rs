//! The matcher's promises: the first round (SPEC §10) and the second (SPEC §15).

use super::*;

fn hits(phrase: &str, line: &str) -> bool {
    Phrase::new(phrase).matches(&Line::new(line))
}

#[test]
fn words_in_any_order_and_any_case() {
    assert!(hits("disk usage", "what's the usage of the DISK?"));
    assert!(hits("disk usage", "checked disk usage on /"));
    assert!(!hits("disk usage", "checked the disk"));
}

#[test]
fn plural_and_verb_endings_fold() {
    assert!(hits("restart", "I'd try restarting it"));
    assert!(hits("check log", "checked the logs"));
    assert!(hits("cache", "flush the caches"));
    assert!(hits("use", "using lsof"));
    assert!(hits("process", "list processes"));
    assert!(hits("dependency", "what about the dependencies"));
    assert!(!hits("cache", "cat the file"));
}

#[test]
fn one_typo_in_long_words_only() {
    assert!(hits("bandwidth", "what's the bandwith"));
    assert!(
        hits("latency", "check the latnecy"),
        "two neighbours swapped"
    );
    assert!(!hits("latency", "check the ltncy"), "two edits");
    assert!(!hits("top", "tip"), "short words need the exact word");
    assert!(!hits("dmesg", "mesg"), "a missing letter in a short word");
}

#[test]
fn a_word_some_phrase_uses_is_no_typo_of_another() {
    let m = Matcher::new(&[
        vec!["docker stats"],
        vec!["container state", "docker inspect"],
    ]);
    let hit = |line: &str| m.hits(&m.line(line), &|_| false).first().map(|h| h.entry);
    // "state" is a word of the second entry: not a typo of "stats".
    assert_eq!(
        hit("docker inspect api --format '{{.State.Running}}'"),
        Some(1)
    );
    assert_eq!(
        m.hits(
            &m.line("docker inspect api --format '{{.State.Running}}'"),
            &|_| false
        )
        .len(),
        1
    );
    // A real typo is still heard, and so are longer forms of a word.
    assert_eq!(hit("docker stast"), Some(0));
    let m = Matcher::new(&[vec!["health check"], vec!["healthy hosts"]]);
    assert_eq!(
        m.hits(&m.line("are the checks healthy?"), &|_| false)
            .iter()
            .map(|h| h.entry)
            .collect::<Vec<_>>(),
        [0]
    );
}

#[test]
fn a_flag_after_the_commands_argument_is_the_commands() {
    assert!(hits(
        "docker inspect --format",
        "docker inspect worker --format '{{.State}}'"
    ));
    assert!(hits("kubectl logs -c", "kubectl logs api-7f9 -c pgbouncer"));
    assert!(!hits("df -i", "df -h /var"));
}

#[test]
fn commands_match_by_name_whatever_the_flags() {
    assert!(hits("df", "df -h /var"));
    assert!(hits("lsof +L1", "sudo lsof +L1 | head"));
    assert!(hits("sar -n dev", "sar -n DEV 1 5"));
    assert!(!hits("df", "dfx"));
}

#[test]
fn people_name_the_same_check_many_ways() {
    let m = Matcher::new(&[
        vec!["do i have root", "sudo"],
        vec![
            "df",
            "dfh",
            "disk usage",
            "disk space",
            "free space",
            "how full",
        ],
    ]);
    for line in [
        "checked disk space on /",
        "what's the disk usage",
        "df -h",
        "dfh?",
        "how full is the filesystem?",
    ] {
        assert_eq!(m.best(line).map(|h| h.entry), Some(1), "{line}");
    }
    assert_eq!(m.best("do I have root?").map(|h| h.entry), Some(0));
    assert_eq!(m.best("what time is it?"), None);
}

#[test]
fn every_entry_tied_for_the_most_words_is_listed_in_order() {
    let m = Matcher::new(&[
        vec!["open files"],
        vec!["disk"],
        vec!["deleted open", "held open"],
    ]);
    let tied: Vec<usize> = m
        .best_tied("it still holds the deleted file open")
        .iter()
        .map(|h| h.entry)
        .collect();
    assert_eq!(tied, vec![0, 2]);
    assert!(m.best_tied("nothing here").is_empty());
}

#[test]
fn the_most_specific_phrase_wins_and_ties_go_first() {
    let m = Matcher::new(&[vec!["restart"], vec!["restart the router"], vec!["router"]]);
    assert_eq!(m.best("restart the router now").unwrap().entry, 1);
    assert_eq!(m.best("restart nginx").unwrap().entry, 0);
    let tie = Matcher::new(&[vec!["logs"], vec!["errors"]]);
    assert_eq!(tie.best("errors in the logs").unwrap().entry, 0);
}

#[test]
fn filler_words_do_not_count() {
    assert!(Phrase::new("what is the").is_empty());
    assert_eq!(Phrase::new("do i have root").len(), 2);
    assert_eq!(
        Phrase::new("Disk usage").key(),
        Phrase::new("the usage of disks").key()
    );
}

#[test]
fn mentions_looks_at_each_line() {
    assert_eq!(
        mentions(
            "first\nran lsof +L1 and saw it",
            &["deleted open", "lsof +L1"]
        ),
        Some("lsof +L1".to_owned())
    );
    assert_eq!(
        mentions("deleted the file\nit was open", &["deleted open"]),
        None,
        "the words must be on one line"
    );
}

#[test]
fn a_phrase_that_names_flags_needs_them() {
    assert!(hits("df -i", "df -i /var"));
    assert!(hits("df -i", "sudo df -ih"));
    assert!(!hits("df -i", "df -h /var"), "df -i is not df -h");
    assert!(hits("df", "df -i"), "a phrase without flags takes any");
    assert!(!hits("free -m", "spare host with enough free cores?"));
    let m = Matcher::new(&[vec!["df"], vec!["df -i"]]);
    assert_eq!(
        m.best("df -i /").unwrap().entry,
        1,
        "the entry naming the flags used wins"
    );
    assert_eq!(m.best("df -h /").unwrap().entry, 0);
}

#[test]
fn pipelines_are_heard_command_by_command() {
    assert!(hits("ss", "ss -tanp | grep CLOSE"));
    assert!(hits("grep", "ss -tanp | grep CLOSE"));
    assert!(hits("ss -tan", "ss -tanp | grep CLOSE"));
    assert!(!hits("grep -c", "ss -tanp | grep CLOSE"));
}

#[test]
fn what_the_candidate_rejects_is_not_heard_as_asserted() {
    assert!(!hits("reboot", "I would not reboot it"));
    assert!(!hits(
        "raise the memory limit",
        "I would not raise the memory limit blindly"
    ));
    assert!(hits("reboot", "reboot it now"));
    assert!(!hits("add retries", "I wouldn't just add retries"));
    // A rejecting phrase needs a rejection.
    assert!(hits("never retry 404", "I wouldn't retry 404s"));
    assert!(!hits("never retry 404", "retry 404s"));
    assert!(hits("don't restart", "no, don't restart it yet"));
    // Descriptive phrases are heard as written.
    assert!(hits("no swap", "the box has no swap"));
    assert!(hits("file not found", "it says file not found"));
    // Scope is local.
    assert!(!hits(
        "restart",
        "I would not restart it without draining first"
    ));
    assert!(hits(
        "drain",
        "I would not restart it without draining first"
    ));
    assert!(hits("drain", "restart it only after draining"));
    assert!(!hits(
        "delete",
        "compress the old logs, not delete files that are still open"
    ));
    assert!(hits(
        "compress",
        "compress the old logs, not delete files that are still open"
    ));
}

#[test]
fn numbers_are_heard_however_they_are_typed() {
    assert!(hits("43 tb", "about 43TB in total"));
    assert!(hits("43 tb", "43 terabytes"));
    assert!(hits("43 tb", "~45TB"), "within 10%");
    assert!(!hits("=43 tb", "~45TB"), "= asks for the exact quantity");
    assert!(hits("500 mb/s", "ingest is 500MB/s"));
    assert!(hits("20k rps", "twenty thousand rps at peak"));
    assert!(hits("20000", "20k"));
    assert!(hits("250 ms", "p99 of 0.25s"));
    assert!(!hits("429", "returns 400"));
    assert!(hits("429", "we see 429s"));
    assert!(!hits("99.9%", "99.99% availability"));
    assert!(hits("99.9%", "99.90%"));
    assert!(
        !hits("500 mb/s", "4Gbps"),
        "bits and bytes do not convert silently"
    );
}

#[test]
fn collocations_are_heard_whole() {
    assert!(!hits(
        "root",
        "root cause: the new security group blocks NTP"
    ));
    assert!(hits("root cause", "the root cause is NTP"));
    assert!(!hits("go", "I'd go with Python"));
    assert!(hits("in go", "I'd write it in Go"));
    // Reading logs is not logging in.
    assert!(!hits("log in to", "kubectl logs deploy/api --tail=50"));
    assert!(hits("log in to", "can I log in to the box?"));
}

#[test]
fn a_command_phrase_needs_its_subcommand_and_object_in_order() {
    assert!(hits("kubectl get node", "kubectl get nodes"));
    assert!(hits(
        "kubectl get node",
        "kubectl -n prod get node ip-10-0-1-2"
    ));
    assert!(hits(
        "kubectl describe node",
        "kubectl describe node ip-10-0-1-2 | less"
    ));
    assert!(!hits(
        "kubectl get node",
        "kubectl get pods -o wide on that node"
    ));
    assert!(!hits("kubectl get node", "get the node list with kubectl"));
    assert!(hits(
        "systemctl status nginx",
        "sudo systemctl status nginx"
    ));
    // A tool named in prose is heard as prose.
    assert!(hits(
        "terraform pr for the endpoint routes",
        "a PR so the terraform module routes the endpoint"
    ));
}

#[test]
fn what_time_asks_for_a_time_not_any_time_of_something() {
    assert!(hits("what time did", "what time did the errors start?"));
    assert!(hits("since what time", "since what time is it failing"));
    assert!(!hits(
        "what time did",
        "what's the GC pause time on the JVM?"
    ));
    assert!(!hits("what time", "what is the response time now"));
    // "time" alone still hears any time.
    assert!(hits("start time", "what's the start time of each job"));
}

#[test]
fn kubectl_short_names_are_the_resources() {
    assert!(hits("kubectl get pods", "kubectl get po -A"));
    assert!(hits(
        "describe the statefulset",
        "kubectl describe sts search-data"
    ));
    assert!(hits("daemonset", "k get ds -n logging"));
    assert!(hits("describe the table", "\\d orders"));
}

#[test]
fn a_question_word_asks_about_the_word_after_it() {
    // "which" and "how many" reach a few words to their noun, no further.
    assert!(hits("which hosts", "which of the web hosts?"));
    assert!(!hits(
        "which hosts",
        "which kernel version is on the web hosts?"
    ));
    assert!(hits(
        "how many instances",
        "how many running instances are there?"
    ));
    assert!(!hits(
        "how many instances",
        "how many threads has the JVM on instance 1?"
    ));
    assert!(
        !hits("which hosts", "hosts, which are they?"),
        "the noun comes first"
    );
    // "when" asks about a verb, which may come much later, but not before it.
    assert!(hits("when scaled", "when exactly did the team scale it?"));
    assert!(!hits(
        "when changed",
        "did the owner change when it was edited?"
    ));
}

#[test]
fn a_kind_word_narrowed_by_the_word_before_it_names_another_thing() {
    let m = Matcher::new(&[vec!["logs", "app log"], vec!["any changes"]]);
    let heard = |line: &str| m.best(line).map(|h| h.entry);
    assert_eq!(heard("show me the logs"), Some(0));
    assert_eq!(
        heard("the app logs please"),
        Some(0),
        "the entry's own word"
    );
    assert_eq!(heard("do the kube-proxy logs show anything?"), None);
    assert_eq!(heard("any changes lately?"), Some(1));
    assert_eq!(heard("did the pool size change in 7.4?"), None);
    assert_eq!(heard("were there security group changes?"), None);
    // Only words that name a kind of thing: "disk" narrowed is still the disk.
    let disk = Matcher::new(&[vec!["disk"]]);
    assert!(disk.best("is the data disk full?").is_some());
}

#[test]
fn a_compound_word_is_heard_said_as_two() {
    assert!(hits("failover", "has redis failed over lately?"));
    assert!(hits("rollback", "we rolled back at 10:05"));
    assert!(hits("timeout", "the calls timed out"));
    assert!(hits("login", "how do users log in?"));
    assert!(!hits("failover", "the disk failed overnight"));
    // What is turned down is not heard: "it did not fail over".
    assert!(!hits("failover", "it did not fail over"));
}
