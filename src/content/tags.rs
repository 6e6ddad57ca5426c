//! `tags.yaml` at the top of the content folder: what a book says of its tags beyond the pages
//! that carry them. Each entry names a tag as pages write it in `tags:`, with a `description`
//! (Markdown, shown at the top of the tag's page) and the tag's old names (`aliases`): the old
//! tag's page (`tags/<old>/`) forwards to the tag's, and a `[[tag:old]]` link leads there.
//! `handbook mv tag:OLD tag:NEW` writes OLD into NEW's aliases. (Checked in
//! `Book::check_tag_entries`.)

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TagEntry {
    pub tag: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

pub const TAG_FIELDS: &[&str] = &["tag", "description", "aliases"];

/// The file's name, at the top of the content folder.
pub const FILE: &str = "tags.yaml";

/// What `handbook mv tag:` writes at the top of a `tags.yaml` it creates.
pub const HEADER: &str = "# 标签：description 是标签页顶部的说明（Markdown）；aliases 是标签的旧名，旧标签页的地址会跳到这个标签的页面。\n";
