//! Word's reading order: docx-rs writes some properties out of schema order, which Word may
//! ignore; this sorts them after the build.

/// Children of `w:pPr` in the order of the schema (CT_PPr).
pub(super) const PPR_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];
/// Children of `w:rPr` in the order of the schema (CT_RPr).
pub(super) const RPR_ORDER: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];
/// Children of `w:trPr` in the order of the schema (CT_TrPr): the base properties are a choice
/// Word reads in any order, listed here as the schema lists them and as Word writes them, then
/// the revision marks, a sequence after them (docx-rs writes `w:del` and `w:ins` first).
pub(super) const TRPR_ORDER: &[&str] = &[
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
];
/// Children of `w:sectPr` in the order of the schema (CT_SectPr).
pub(super) const SECTPR_ORDER: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

/// Puts the children of every `w:pPr`, `w:rPr`, `w:trPr` and `w:sectPr` in `xml` into schema
/// order.
///
/// docx-rs writes `w:rFonts` after `w:sz` and `w:b`, `w:keepNext` after `w:spacing` and
/// `w:footerReference` after `w:pgSz`. LibreOffice does not mind, but Word reads these
/// properties as sequences and is reported to ignore a font that comes after `w:b`.
pub(super) fn schema_order(xml: &str) -> String {
    const SORTED: [(&str, &[&str]); 4] =
        [("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER), ("w:trPr", TRPR_ORDER), ("w:sectPr", SECTPR_ORDER)];
    let opens = ["<w:pPr>", "<w:rPr>", "<w:trPr>", "<w:sectPr>"];
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    // Where each kind of element opens next, at or after `pos`: searched again only once
    // passed, so the text is read once per kind (searching it for all of them after every
    // element was a quarter of the shipped site's build).
    let mut next: [Option<usize>; 4] = opens.map(|open| xml.find(open));
    loop {
        for (at, open) in next.iter_mut().zip(&opens) {
            if at.is_some_and(|at| at < pos) {
                *at = xml[pos..].find(open).map(|found| pos + found);
            }
        }
        let Some((kind, at)) =
            next.iter().enumerate().filter_map(|(kind, at)| at.map(|at| (kind, at))).min_by_key(|&(_, at)| at)
        else {
            out.push_str(&xml[pos..]);
            return out;
        };
        let ((name, order), open) = (SORTED[kind], opens[kind]);
        out.push_str(&xml[pos..at]);
        let inner = &xml[at + open.len()..];
        match children(inner, name) {
            Some((mut kids, used)) => {
                let rank = |kid: &str| {
                    let tag = element_name(kid);
                    order.iter().position(|n| *n == tag).unwrap_or(order.len())
                };
                kids.sort_by_key(|k| rank(k));
                out.push_str(open);
                for kid in kids {
                    // Most properties hold no properties themselves (every kind ends `Pr>`).
                    if kid.contains("Pr>") {
                        out.push_str(&schema_order(kid));
                    } else {
                        out.push_str(kid);
                    }
                }
                out.push_str(&format!("</{name}>"));
                pos = at + open.len() + used;
            }
            None => {
                // Not the shape docx-rs writes: leave it as it is.
                out.push_str(open);
                pos = at + open.len();
            }
        }
    }
}

/// The child elements of an element whose content starts `xml`, up to its closing tag
/// `</name>`, and the length up to and including that tag.
pub(super) fn children<'a>(xml: &'a str, name: &str) -> Option<(Vec<&'a str>, usize)> {
    let close = format!("</{name}>");
    let mut kids = Vec::new();
    let mut at = 0;
    loop {
        let rest = &xml[at..];
        if rest.starts_with(&close) {
            return Some((kids, at + close.len()));
        }
        if !rest.starts_with('<') || rest.starts_with("</") {
            return None;
        }
        // One child: tags until the depth is back to zero.
        let mut depth = 0usize;
        let mut end = at;
        loop {
            let tag_end = end + xml[end..].find('>')? + 1;
            let tag = &xml[end..tag_end];
            if tag.starts_with("</") {
                depth = depth.checked_sub(1)?;
            } else if !tag.ends_with("/>") {
                depth += 1;
            }
            end = tag_end;
            if depth == 0 {
                break;
            }
            // Skip text between tags (there is none in property elements, but be safe).
            end += xml[end..].find('<')?;
        }
        kids.push(&xml[at..end]);
        at = end;
    }
}

pub(super) fn element_name(element: &str) -> &str {
    let name = &element[1..];
    let end = name.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(name.len());
    &name[..end]
}

/// A part of the archive with its properties sorted; an error when it is not UTF-8.
pub(super) fn reordered(part: &[u8]) -> Result<Vec<u8>, std::str::Utf8Error> {
    Ok(schema_order(std::str::from_utf8(part)?).into_bytes())
}
