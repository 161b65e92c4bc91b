//! A rebuildable cache of the review records (SPEC §9): what [`super::record::read`]
//! makes of the history file, kept in a compact binary file so that `stats`, `due`,
//! `plan`, `history` and the start of a drill need not parse the JSON again.
//!
//! It is only ever a cache. It holds the records, the damaged line numbers, and what
//! it was built from: the history's path, size, modification and change times (in
//! nanoseconds), inode and device, and a hash of its bytes. It is used as it stands
//! only when all of those still match. When the history only grew (a drill appended
//! to it) and the bytes it was built from hash the same, only the new lines are
//! parsed. Anything else (missing, damaged, truncated, another format version, a
//! history that changed in any other way) and the history is parsed in full, as if
//! there were no cache. The cache is written through a temp file and a rename; when
//! it cannot be written, the command goes on without it and says nothing.

use std::collections::HashMap;
use std::fs::{self, File, Metadata};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeZone};

use super::record::{self, Checked, Findings, Points, Record, ReviewRecords};
use crate::bank::Level;

/// First bytes of a cache file, then the format version: bump it whenever
/// [`Record`] or this encoding changes.
const MAGIC: &[u8; 8] = b"SREDRC\0\x01";
/// 2: regrade lines (history format 3) are applied to the records' grades.
/// 3: records keep their risky steps and their last checked run.
const FORMAT: u32 = 3;

/// The cache file for the history at `history`, in `folder`: one file per history
/// path, named by a hash of that path (the path itself is kept inside and checked).
#[must_use]
pub fn file_for(folder: &Path, history: &Path) -> PathBuf {
    let absolute = std::path::absolute(history).unwrap_or_else(|_| history.to_path_buf());
    let mut h = Hash::default();
    h.update(absolute.as_os_str().as_encoded_bytes());
    folder.join(format!("review-{:016x}.bin", h.finish()))
}

/// Reads the review records of the open history `file` (at `path`), through the
/// cache at `cache` when it is current, and refreshes the cache when it is not.
///
/// # Errors
/// Reading the history failed. Problems with the cache are never errors.
pub fn read(file: File, path: &Path, cache: &Path) -> io::Result<ReviewRecords> {
    let meta = file.metadata()?;
    let key = Key::of(path, &meta);
    let cached = fs::read(cache).ok().and_then(|bytes| decode(&bytes, &key));
    let (parsed, cover) = match cached {
        Some(c) if c.key.same_file(&key) => return Ok(c.parsed),
        Some(c) if c.key.grown_into(&key) => match grow(file, c, key.size)? {
            Ok(done) => done,
            Err(file) => full(file, key.size)?,
        },
        _ => full(file, key.size)?,
    };
    if let Some(cover) = cover {
        let _ = write(cache, &key, cover, &parsed);
    }
    Ok(parsed)
}

/// Parses the first `size` bytes of the history, hashing them as they are read.
/// The cover is `None` when those bytes do not end in a line end.
fn full(mut file: File, size: u64) -> io::Result<(ReviewRecords, Option<Cover>)> {
    file.seek(SeekFrom::Start(0))?;
    let mut reader = Hashing::new(file.take(size));
    let parsed = record::read(&mut reader)?;
    Ok((parsed, reader.cover(size)))
}

/// The cached records plus those of the lines appended since, when the bytes the
/// cache was built from are unchanged (`Err` hands the file back when they are not).
#[allow(clippy::type_complexity)]
fn grow(
    mut file: File,
    cached: Cached,
    size: u64,
) -> io::Result<Result<(ReviewRecords, Option<Cover>), File>> {
    let mut hash = Hash::default();
    let mut buffer = vec![0; 1 << 20];
    let mut left = cached.key.size;
    file.seek(SeekFrom::Start(0))?;
    while left > 0 {
        let want = usize::try_from(left)
            .unwrap_or(usize::MAX)
            .min(buffer.len());
        let n = file.read(&mut buffer[..want])?;
        if n == 0 {
            return Ok(Err(file));
        }
        hash.update(&buffer[..n]);
        left -= n as u64;
    }
    if hash.clone().finish() != cached.hash {
        return Ok(Err(file));
    }
    let mut reader = Hashing {
        inner: file.take(size - cached.key.size),
        hash,
        last: Some(b'\n'),
        read: cached.key.size,
        lines: cached.lines,
    };
    let tail = record::read(&mut reader)?;
    let mut parsed = cached.parsed;
    // Regrades in the new lines may name attempts read before them.
    parsed.apply(tail.pending);
    parsed.records.extend(tail.records);
    parsed
        .damaged
        .extend(tail.damaged.into_iter().map(|line| line + cached.lines));
    Ok(Ok((parsed, reader.cover(size))))
}

/// What identifies the history file a cache was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    path: Vec<u8>,
    size: u64,
    modified: i128,
    changed: i128,
    inode: u64,
    device: u64,
}

impl Key {
    #[cfg(unix)]
    fn of(path: &Path, meta: &Metadata) -> Key {
        use std::os::unix::fs::MetadataExt;
        Key {
            path: absolute_bytes(path),
            size: meta.len(),
            modified: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
            changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    #[cfg(not(unix))]
    fn of(path: &Path, meta: &Metadata) -> Key {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(-1, |d| d.as_nanos() as i128);
        Key {
            path: absolute_bytes(path),
            size: meta.len(),
            modified,
            changed: modified,
            inode: 0,
            device: 0,
        }
    }

    /// The very file the cache was built from, untouched since.
    fn same_file(&self, now: &Key) -> bool {
        self == now
    }

    /// The same file, longer now: worth checking whether it only grew.
    fn grown_into(&self, now: &Key) -> bool {
        self.path == now.path
            && self.inode == now.inode
            && self.device == now.device
            && now.size > self.size
    }
}

fn absolute_bytes(path: &Path) -> Vec<u8> {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .into_os_string()
        .into_encoded_bytes()
}

/// A cache as read back: what it was built from, a hash of those bytes, how many
/// line ends they hold, and what they parse to.
struct Cached {
    key: Key,
    hash: u64,
    lines: usize,
    parsed: ReviewRecords,
}

/// A 64-bit hash, eight bytes at a time: enough to notice a changed history or a
/// damaged cache, not meant to resist anyone crafting a collision.
#[derive(Debug, Clone, Default)]
struct Hash {
    state: u64,
    pending: [u8; 8],
    filled: usize,
    total: u64,
}

impl Hash {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    fn mix(&mut self, word: u64) {
        self.state = (self.state ^ word).wrapping_mul(Self::K).rotate_left(31);
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.pending));
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.mix(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn finish(mut self) -> u64 {
        let mut last = [0u8; 8];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        self.mix(u64::from_le_bytes(last));
        self.mix(self.total);
        let mut h = self.state;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

/// Passes reads through, hashing what it passes and remembering the last byte.
struct Hashing<R> {
    inner: R,
    hash: Hash,
    last: Option<u8>,
    read: u64,
    lines: usize,
}

impl<R> Hashing<R> {
    /// What the bytes read so far are, when they are all `size` bytes and end in a
    /// line end (so a longer history that starts with them can build on them).
    fn cover(&self, size: u64) -> Option<Cover> {
        (self.last == Some(b'\n') && self.read == size).then(|| Cover {
            hash: self.hash.clone().finish(),
            lines: self.lines,
        })
    }
}

/// A hash of the bytes a cache was built from, and how many line ends they hold.
#[derive(Debug, Clone, Copy)]
struct Cover {
    hash: u64,
    lines: usize,
}

impl<R> Hashing<R> {
    fn new(inner: R) -> Self {
        Hashing {
            inner,
            hash: Hash::default(),
            last: None,
            read: 0,
            lines: 0,
        }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.hash.update(&buf[..n]);
            self.last = Some(buf[n - 1]);
            self.read += n as u64;
            self.lines += buf[..n].iter().filter(|&&b| b == b'\n').count();
        }
        Ok(n)
    }
}

/// Writes the cache through a temp file in the same folder and a rename.
fn write(cache: &Path, key: &Key, cover: Cover, parsed: &ReviewRecords) -> io::Result<()> {
    let folder = cache.parent().unwrap_or(Path::new("."));
    match fs::create_dir(folder) {
        Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        _ => {}
    }
    let body = encode(key, cover, parsed);
    let mut temp = tempfile::NamedTempFile::new_in(folder)?;
    temp.write_all(&body)?;
    temp.persist(cache).map_err(|e| e.error)?;
    Ok(())
}

fn encode(key: &Key, cover: Cover, parsed: &ReviewRecords) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut records = Out::default();
    for r in &parsed.records {
        records.uint(u64::from(r.v));
        records.bytes(r.id.as_bytes());
        records.uint(u64::from(strings.index(&r.session)));
        records.time(&r.started);
        records.time(&r.finished);
        records.uint(u64::from(strings.index(&r.prompt)));
        records.uint(u64::from(strings.index(&r.title)));
        records.uint(u64::from(strings.index(&r.category)));
        records.uint(match r.level {
            Level::Entry => 0,
            Level::Mid => 1,
            Level::Senior => 2,
        });
        records.uint(r.tags.len() as u64);
        for t in &r.tags {
            records.uint(u64::from(strings.index(t)));
        }
        records.uint(u64::from(r.timed));
        records.uint(r.time_box_secs);
        records.uint(r.think_secs);
        records.uint(r.answer_secs);
        records.uint(r.overtime_secs);
        records.uint(u64::from(r.hints_used));
        records.uint(u64::from(r.rubric.covered));
        records.uint(u64::from(r.rubric.total));
        records.uint(u64::from(r.rubric.must_missed));
        records.uint(u64::from(r.grade));
        records.uint(u64::from(r.partial));
        records.option(r.suggested_grade.map(u64::from));
        match r.scenario {
            None => records.uint(0),
            Some(f) => {
                records.uint(1);
                records.uint(u64::from(f.key_found));
                records.uint(u64::from(f.key_total));
                records.uint(u64::from(f.cause_named));
                records.uint(u64::from(f.risky));
            }
        }
        records.option(r.graded_by.as_ref().map(|g| u64::from(strings.index(g))));
        match r.check {
            None => records.uint(0),
            Some(c) => {
                records.uint(1);
                records.uint(u64::from(c.passed));
                records.uint(u64::from(c.total));
            }
        }
    }
    let mut body = Out::default();
    body.bytes(&key.path);
    body.uint(key.size);
    body.int(key.modified);
    body.int(key.changed);
    body.uint(key.inode);
    body.uint(key.device);
    body.0.extend_from_slice(&cover.hash.to_le_bytes());
    body.uint(cover.lines as u64);
    body.uint(parsed.damaged.len() as u64);
    for &d in &parsed.damaged {
        body.uint(d as u64);
    }
    body.uint(strings.table.len() as u64);
    for s in &strings.table {
        body.bytes(s.as_bytes());
    }
    body.uint(parsed.records.len() as u64);
    body.0.extend_from_slice(&records.0);
    let mut check = Hash::default();
    check.update(&body.0);
    let mut file = Vec::with_capacity(body.0.len() + 24);
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&FORMAT.to_le_bytes());
    file.extend_from_slice(&(body.0.len() as u64).to_le_bytes());
    file.extend_from_slice(&check.finish().to_le_bytes());
    file.extend_from_slice(&body.0);
    file
}

/// The strings records share, each numbered once.
#[derive(Default)]
struct Strings<'a> {
    numbers: HashMap<&'a str, u32>,
    table: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn index(&mut self, s: &'a str) -> u32 {
        *self.numbers.entry(s).or_insert_with(|| {
            self.table.push(s);
            (self.table.len() - 1) as u32
        })
    }
}

/// Reads a cache back; `None` if it is damaged, of another format, or for another
/// history path.
fn decode(bytes: &[u8], now: &Key) -> Option<Cached> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let (check, body) = rest.split_first_chunk::<8>()?;
    if u32::from_le_bytes(*format) != FORMAT || u64::from_le_bytes(*len) != body.len() as u64 {
        return None;
    }
    let mut h = Hash::default();
    h.update(body);
    if h.finish() != u64::from_le_bytes(*check) {
        return None;
    }
    let mut i = In(body);
    let path = i.bytes()?.to_vec();
    if path != now.path {
        return None;
    }
    let key = Key {
        path,
        size: i.uint()?,
        modified: i.int()?,
        changed: i.int()?,
        inode: i.uint()?,
        device: i.uint()?,
    };
    let (hash, rest) = i.0.split_first_chunk::<8>()?;
    i.0 = rest;
    let hash = u64::from_le_bytes(*hash);
    let lines = usize::try_from(i.uint()?).ok()?;
    let damaged = (0..i.count()?)
        .map(|_| i.uint().and_then(|d| usize::try_from(d).ok()))
        .collect::<Option<Vec<usize>>>()?;
    let table = (0..i.count()?)
        .map(|_| {
            i.bytes()
                .and_then(|b| std::str::from_utf8(b).ok())
                .map(Arc::<str>::from)
        })
        .collect::<Option<Vec<Arc<str>>>>()?;
    let count = i.count()?;
    let mut records = Vec::with_capacity(count);
    for _ in 0..count {
        records.push(i.record(&table)?);
    }
    if !i.0.is_empty() {
        return None;
    }
    Some(Cached {
        key,
        hash,
        lines,
        parsed: ReviewRecords {
            records,
            damaged,
            pending: Vec::new(),
        },
    })
}

/// The bytes of a cache being written: unsigned numbers as LEB128, signed ones
/// zigzagged first, byte strings with their length in front.
#[derive(Default)]
struct Out(Vec<u8>);

impl Out {
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn int(&mut self, v: i128) {
        let z = ((v << 1) ^ (v >> 127)) as u128;
        self.uint((z & u128::from(u64::MAX)) as u64);
        self.uint((z >> 64) as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.uint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    fn option(&mut self, v: Option<u64>) {
        match v {
            None => self.uint(0),
            Some(v) => self.uint(v + 1),
        }
    }

    fn time(&mut self, t: &DateTime<FixedOffset>) {
        self.int(i128::from(t.timestamp()));
        self.uint(u64::from(t.timestamp_subsec_nanos()));
        self.int(i128::from(t.offset().local_minus_utc()));
    }
}

/// The bytes of a cache being read, in the same encoding; `None` on anything short
/// or out of range.
struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn uint(&mut self) -> Option<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.0.split_first()?;
            self.0 = rest;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn int(&mut self) -> Option<i128> {
        let z = u128::from(self.uint()?) | (u128::from(self.uint()?) << 64);
        Some((z >> 1).cast_signed() ^ -(z & 1).cast_signed())
    }

    fn small(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    /// A count of items that each take at least one byte, so it cannot exceed what
    /// is left.
    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?)
            .ok()
            .filter(|&n| n <= self.0.len())
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.uint()?).ok()?;
        if n > self.0.len() {
            return None;
        }
        let (b, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(b)
    }

    fn flag(&mut self) -> Option<bool> {
        match self.uint()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn string(&mut self, table: &[Arc<str>]) -> Option<Arc<str>> {
        table
            .get(usize::try_from(self.uint()?).ok()?)
            .map(Arc::clone)
    }

    /// An optional number, written as 0 for none and n + 1 for n: `Err` when the
    /// bytes run out.
    fn option(&mut self) -> Result<Option<u64>, ()> {
        self.uint().map(|v| v.checked_sub(1)).ok_or(())
    }

    fn time(&mut self) -> Option<DateTime<FixedOffset>> {
        let secs = i64::try_from(self.int()?).ok()?;
        let nanos = self.small()?;
        let offset = FixedOffset::east_opt(i32::try_from(self.int()?).ok()?)?;
        offset.timestamp_opt(secs, nanos).single()
    }

    fn record(&mut self, table: &[Arc<str>]) -> Option<Record> {
        let v = self.small()?;
        let id = std::str::from_utf8(self.bytes()?).ok()?.into();
        let session = self.string(table)?;
        let started = self.time()?;
        let finished = self.time()?;
        let prompt = self.string(table)?;
        let title = self.string(table)?;
        let category = self.string(table)?;
        let level = *Level::ALL.get(usize::try_from(self.uint()?).ok()?)?;
        let tags = (0..self.count()?)
            .map(|_| self.string(table))
            .collect::<Option<Box<[Arc<str>]>>>()?;
        Some(Record {
            v,
            id,
            session,
            started,
            finished,
            prompt,
            title,
            category,
            level,
            tags,
            timed: self.flag()?,
            time_box_secs: self.uint()?,
            think_secs: self.uint()?,
            answer_secs: self.uint()?,
            overtime_secs: self.uint()?,
            hints_used: self.small()?,
            rubric: Points {
                covered: self.small()?,
                total: self.small()?,
                must_missed: self.small()?,
            },
            grade: u8::try_from(self.uint()?).ok()?,
            partial: self.flag()?,
            suggested_grade: match self.option().ok()? {
                None => None,
                Some(g) => Some(u8::try_from(g).ok()?),
            },
            scenario: if self.flag()? {
                Some(Findings {
                    key_found: self.small()?,
                    key_total: self.small()?,
                    cause_named: self.flag()?,
                    risky: self.small()?,
                })
            } else {
                None
            },
            graded_by: match self.option().ok()? {
                None => None,
                Some(i) => Some(Arc::clone(table.get(usize::try_from(i).ok()?)?)),
            },
            check: if self.flag()? {
                Some(Checked::new(self.small()?, self.small()?))
            } else {
                None
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::tests::attempt;

    fn key() -> Key {
        Key {
            path: b"/data/history.jsonl".to_vec(),
            size: 1234,
            modified: 1_764_000_000_123_456_789,
            changed: -5,
            inode: 42,
            device: 7,
        }
    }

    fn varied() -> ReviewRecords {
        let mut a = attempt("a", "p", "coding", "2026-03-01T09:00:00+05:30", 3);
        a.tags = vec!["linux".to_owned(), "git".to_owned()];
        a.graded_by = Some("Sam".to_owned());
        a.suggested_grade = Some(2);
        a.scenario = Some(crate::history::ScenarioRecord {
            key_found: 2,
            key_total: 5,
            cause_named: true,
            actions: Vec::new(),
            cause_secs: Some(30),
            risky: vec!["reboot".to_owned(), "kill -9".to_owned()],
            fixes: Vec::new(),
            good_fixes: 0,
        });
        a.check = Some(crate::history::CheckRecord {
            command: "python3 top.py".to_owned(),
            passed: 7,
            total: 9,
        });
        a.partial = true;
        a.rubric.covered = vec![1, 2];
        a.rubric.total = 6;
        let mut b = attempt("b", "q", "troubleshooting", "2025-12-31T23:59:59-08:00", 1);
        b.time_box_secs = u64::MAX;
        b.hints_used = u32::MAX;
        ReviewRecords {
            records: vec![Record::from(&a), Record::from(&b), Record::from(&a)],
            damaged: vec![2, 9, 100_000],
            pending: Vec::new(),
        }
    }

    #[test]
    fn records_and_damaged_lines_read_back_as_they_were_written() {
        let parsed = varied();
        let cover = Cover {
            hash: 99,
            lines: 12,
        };
        let back = decode(&encode(&key(), cover, &parsed), &key()).unwrap();
        assert_eq!(back.key, key());
        assert_eq!((back.hash, back.lines), (99, 12));
        assert_eq!(back.parsed.records, parsed.records);
        assert_eq!(back.parsed.damaged, parsed.damaged);
        for (r, w) in back.parsed.records.iter().zip(&parsed.records) {
            assert_eq!(r.started.offset(), w.started.offset(), "offsets are kept");
        }
        assert!(Arc::ptr_eq(
            &back.parsed.records[0].prompt,
            &back.parsed.records[2].prompt
        ));
    }

    #[test]
    fn any_changed_byte_or_another_history_path_is_refused() {
        let bytes = encode(&key(), Cover { hash: 1, lines: 1 }, &varied());
        for i in 0..bytes.len() {
            let mut broken = bytes.clone();
            broken[i] ^= 0x01;
            assert!(decode(&broken, &key()).is_none(), "byte {i}");
            assert!(decode(&bytes[..i], &key()).is_none(), "cut at {i}");
        }
        let mut other = key();
        other.path = b"/elsewhere.jsonl".to_vec();
        assert!(decode(&bytes, &other).is_none());
    }

    #[test]
    fn a_grown_history_is_the_cached_records_plus_its_new_lines() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        let cache = dir.path().join("review.bin");
        let line = |id: &str| {
            let a = attempt(id, "p", "coding", "2026-03-01T09:00:00+01:00", 3);
            serde_json::to_string(&a).unwrap() + "\n"
        };
        fs::write(&history, line("a") + &line("b")).unwrap();
        let first = read(File::open(&history).unwrap(), &history, &cache).unwrap();
        assert_eq!(first.records.len(), 2);
        let before = Key::of(&history, &fs::metadata(&history).unwrap());
        fs::OpenOptions::new()
            .append(true)
            .open(&history)
            .unwrap()
            .write_all(line("c").as_bytes())
            .unwrap();
        let now = Key::of(&history, &fs::metadata(&history).unwrap());
        assert!(before.grown_into(&now));
        assert!(!now.grown_into(&before), "a shorter file did not grow");
        assert!(!before.grown_into(&before), "nor did the same one");
        let mut elsewhere = now.clone();
        elsewhere.inode += 1;
        assert!(
            !before.grown_into(&elsewhere),
            "another file at the same path"
        );
        // The cache is checked against the bytes it was built from, then only the new
        // line is read.
        let cached = decode(&fs::read(&cache).unwrap(), &now).unwrap();
        let Ok(Ok((grown, _))) = grow(File::open(&history).unwrap(), cached, now.size) else {
            panic!("the grown file was read from scratch");
        };
        let whole = record::parse(fs::read(&history).unwrap().as_slice());
        assert_eq!(grown.records, whole.records);
        assert_eq!(grown.records.len(), 3);
    }

    #[test]
    fn a_key_counts_modification_and_change_times_in_nanoseconds() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("history.jsonl");
        fs::write(&history, "").unwrap();
        let meta = fs::metadata(&history).unwrap();
        let key = Key::of(&history, &meta);
        assert_eq!(
            key.modified,
            i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
        );
        assert_eq!(
            key.changed,
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
        );
    }

    #[test]
    fn the_hash_of_known_bytes_stays_the_same_across_builds() {
        // Cache files are named by this hash of the history's path: another hash
        // would leave every user's cache behind at the next upgrade.
        let mut h = Hash::default();
        h.update(b"/home/sam/.local/share/sre-drill/history.jsonl");
        assert_eq!(h.finish(), 0x859c_e1fd_0fe7_d6cf);
    }

    #[test]
    fn the_hash_does_not_depend_on_how_the_bytes_are_split() {
        let text: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = Hash::default();
        whole.update(&text);
        let whole = whole.finish();
        for split in [1, 3, 8, 13, 999] {
            let mut pieces = Hash::default();
            for piece in text.chunks(split) {
                pieces.update(piece);
            }
            assert_eq!(pieces.finish(), whole, "pieces of {split}");
        }
        let mut changed = text.clone();
        changed[500] ^= 1;
        let mut h = Hash::default();
        h.update(&changed);
        assert_ne!(h.finish(), whole);
        let mut shorter = Hash::default();
        shorter.update(&text[..999]);
        assert_ne!(shorter.finish(), whole);
    }
}
