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
