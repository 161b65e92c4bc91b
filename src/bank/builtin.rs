//! The built-in bank, embedded in the binary so an installed sre-drill works anywhere.

/// Prompt files: (name shown in diagnostics, contents).
pub(super) const PROMPT_FILES: &[(&str, &str)] = &[
    (
        "drills/troubleshooting-systems.yaml",
        include_str!("../../drills/troubleshooting-systems.yaml"),
    ),
    (
        "drills/troubleshooting-services.yaml",
        include_str!("../../drills/troubleshooting-services.yaml"),
    ),
    (
        "drills/coding.yaml",
        include_str!("../../drills/coding.yaml"),
    ),
    (
        "drills/reliability.yaml",
        include_str!("../../drills/reliability.yaml"),
    ),
    (
        "drills/company.yaml",
        include_str!("../../drills/company.yaml"),
    ),
];

pub(super) const FOLLOW_UPS: (&str, &str) = (
    "drills/follow-ups.yaml",
    include_str!("../../drills/follow-ups.yaml"),
);

pub(super) const RESOURCES: (&str, &str) = (
    "drills/resources.yaml",
    include_str!("../../drills/resources.yaml"),
);
