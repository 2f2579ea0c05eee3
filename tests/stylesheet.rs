//! The stylesheet's structure (native): merged sections must not leave a
//! block open, or every rule after it silently applies only in print (a
//! bug merges made once). Checks that braces balance outside comments and
//! strings, and that every page section (`/* ---- name ---- */`) starts at
//! the top level.

#![cfg(not(target_arch = "wasm32"))]

/// Brace depth at each section header, and the final depth.
fn depths(css: &str) -> (Vec<(String, i32)>, i32) {
    let b = css.as_bytes();
    let (mut i, mut depth, mut at) = (0, 0i32, Vec::new());
    while i < b.len() {
        if b[i..].starts_with(b"/*") {
            let end = css[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            let comment = &css[i..end];
            if comment.starts_with("/* ----") {
                at.push((comment.to_string(), depth));
            }
            i = end;
            continue;
        }
        match b[i] {
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                assert!(depth >= 0, "a '}}' closes nothing at byte {i}");
            }
            _ => {}
        }
        i += 1;
    }
    (at, depth)
}

#[test]
fn every_block_is_closed_and_every_section_starts_at_the_top_level() {
    let css = include_str!("../style/main.css");
    let (sections, end) = depths(css);
    assert!(sections.len() >= 5, "page sections found: {}", sections.len());
    for (name, depth) in &sections {
        assert_eq!(*depth, 0, "section {name} starts inside an open block (depth {depth})");
    }
    assert_eq!(end, 0, "the stylesheet ends with {end} block(s) open");
}

#[test]
fn the_check_finds_an_unclosed_media_block() {
    let (sections, end) = depths("a{b:c}\n@media print{ .x{y:z}\n/* ---- next ---- */\n.q{r:s}");
    assert_eq!(sections, vec![("/* ---- next ---- */".to_string(), 1)]);
    assert_eq!(end, 1);
}
