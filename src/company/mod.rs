//! The company tracker (SPEC §7): what each company answered to the candidate's
//! questions, how the user flagged it, and the user's deal-breakers.
//!
//! Every change is an [`Event`] appended to `companies.jsonl` by the [`Store`]; nothing is
//! ever rewritten. The current state is a pure [`fold`] of the events, and [`view`] turns
//! that state into the summaries, comparisons and details that `render::company` prints. This
//! module never reads the terminal; the `ask` flow talks to the person through an
//! [`ask::Interviewer`].

pub mod ask;
pub mod fold;
pub mod record;
pub mod store;
pub mod view;

pub use fold::{Answer, Company, Dealbreaker, Round, Tracker, fold, key};
pub use record::{AnswerRecord, Change, Event, Flag, NoteRecord, RoundInfo, VERSION};
pub use store::{Damage, Loaded, Store};
