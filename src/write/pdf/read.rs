//! Reading back what Chromium printed: how many pages, and the page each
//! linked-to element landed on.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Document, Object};

/// A printed PDF, parsed once for the questions the build asks of it.
pub struct Printed {
    doc: Document,
}

impl Printed {
    pub fn read(pdf: &[u8]) -> Result<Printed, String> {
        Document::load_mem(pdf)
            .map(|doc| Printed { doc })
            .map_err(|e| format!("the PDF Chromium wrote cannot be read: {e}"))
    }

    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The page (from 1) of every element a link on the page points to, by
    /// its id. Chromium names a destination for each `href="#id"` target.
    pub fn destinations(&self) -> BTreeMap<String, usize> {
        let numbers: HashMap<_, _> = self.doc.get_pages().into_iter().map(|(n, id)| (id, n as usize)).collect();
        let Some(Object::Dictionary(dests)) = self
            .doc
            .catalog()
            .ok()
            .and_then(|c| c.get(b"Dests").ok())
            .and_then(|d| self.doc.dereference(d).ok())
            .map(|(_, d)| d)
        else {
            return BTreeMap::new();
        };
        dests
            .iter()
            .filter_map(|(name, dest)| {
                let dest = self.doc.dereference(dest).ok()?.1;
                // A destination is [page /XYZ …], or a dictionary holding it as /D.
                let array = match dest {
                    Object::Array(a) => a,
                    Object::Dictionary(d) => d.get(b"D").ok()?.as_array().ok()?,
                    _ => return None,
                };
                let page = numbers.get(&array.first()?.as_reference().ok()?)?;
                Some((String::from_utf8_lossy(name).into_owned(), *page))
            })
            .collect()
    }
}

impl Printed {
    /// Puts right the bookmarks Chromium names wrongly: a heading that wraps
    /// loses the space at the break ("working withpeers"), and one pushed to
    /// the next page to stay with what follows is named twice
    /// ("SupervisionSupervision"). A bookmark whose letters are those of one
    /// of the page's `headings` (or of it twice) takes the heading's text.
    /// The fix is an update appended to the PDF; the bytes before it are
    /// Chromium's, untouched. Returns `pdf` as it was when nothing is wrong.
    pub fn mend_outline(self, pdf: Vec<u8>, headings: &[String]) -> Result<Vec<u8>, String> {
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let known: HashMap<String, &String> = headings.iter().map(|h| (letters(h), h)).collect();
        let mut wrong = Vec::new();
        let mut next = self.first_bookmark();
        let mut seen = std::collections::HashSet::new();
        while let Some(id) = next.filter(|id| seen.insert(*id)) {
            let Ok(item) = self.doc.get_dictionary(id) else { break };
            if let Ok(title) = item.get(b"Title").and_then(lopdf::decode_text_string)
                && !headings.contains(&title)
            {
                let l = letters(&title);
                let half = (l.len() % 2 == 0 && l[..l.len() / 2] == l[l.len() / 2..]).then(|| &l[..l.len() / 2]);
                if let Some(heading) = known.get(&l).or_else(|| half.and_then(|h| known.get(h))) {
                    wrong.push((id, (*heading).clone()));
                }
            }
            next = Self::reference(item, b"First").or_else(|| self.next_up(item));
        }
        if wrong.is_empty() {
            return Ok(pdf);
        }
        let mut update = lopdf::IncrementalDocument::create_from(pdf, self.doc);
        for (id, title) in wrong {
            update.opt_clone_object_to_new_document(id).map_err(|e| e.to_string())?;
            if let Ok(Object::Dictionary(item)) = update.new_document.get_object_mut(id) {
                item.set("Title", lopdf::text_string(&title));
            }
        }
        let mut out = Vec::new();
        update.save_to(&mut out).map_err(|e| format!("the PDF's bookmarks could not be mended: {e}"))?;
        Ok(out)
    }

    fn first_bookmark(&self) -> Option<lopdf::ObjectId> {
        let outlines = self.doc.catalog().ok()?.get(b"Outlines").ok()?.as_reference().ok()?;
        Self::reference(self.doc.get_dictionary(outlines).ok()?, b"First")
    }

    /// The bookmark after `item` in reading order once its children are done:
    /// its own next, or the next of the nearest parent that has one.
    fn next_up(&self, item: &lopdf::Dictionary) -> Option<lopdf::ObjectId> {
        let mut item = item;
        // Bounded: a malformed outline whose parents loop must still end.
        for _ in 0..64 {
            if let Some(next) = Self::reference(item, b"Next") {
                return Some(next);
            }
            item = self.doc.get_dictionary(Self::reference(item, b"Parent")?).ok()?;
        }
        None
    }

    fn reference(dict: &lopdf::Dictionary, key: &[u8]) -> Option<lopdf::ObjectId> {
        dict.get(key).ok()?.as_reference().ok()
    }
}
