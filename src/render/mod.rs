//! The render stage: HTML pages from the linked book.

pub mod collate;
pub mod embed;
pub mod flow;
pub mod highlight;
pub mod markdown;
pub mod oldcss;
pub mod pages;
pub mod paper;
pub mod templates;
pub mod versions;
