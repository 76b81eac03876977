//! petrel patch: HTML serialisation of a `scraper` element, the same bytes as `ElementRef::html` and
//! `ElementRef::inner_html` (html5ever's `HtmlSerializer` with scripting off, which scraper uses), faster; and
//! `element_attr`, scraper's `Element::attr` without interning the name.
//!
//! html5ever's serializer writes every character of text and attribute values through `write_fmt`; here runs
//! of characters that need no escaping are copied at once into one `String`. Everything else — which
//! elements are void, which keep their text raw, how attribute namespaces are written — follows html5ever
//! 0.39's `HtmlSerializer` line for line.

use std::io;

use html5ever::serialize::{AttrRef, Serialize, Serializer, TraversalScope};
use html5ever::{local_name, ns, LocalName, QualName};
use scraper::ElementRef;

/// `ElementRef::html` (`include_node`) or `ElementRef::inner_html` (not), with the same output.
pub fn element_html(element: ElementRef<'_>, include_node: bool) -> String {
    let scope = if include_node {
        TraversalScope::IncludeNode
    } else {
        TraversalScope::ChildrenOnly(None)
    };
    let mut ser = FastSerializer {
        out: String::new(),
        stack: vec![ElemInfo {
            html_name: None,
            ignore_children: false,
        }],
    };
    // writing to a String cannot fail, and the serializer reports no error of its own
    let _ = element.serialize(&mut ser, scope);
    ser.out
}

struct ElemInfo {
    html_name: Option<LocalName>,
    ignore_children: bool,
}

struct FastSerializer {
    out: String,
    stack: Vec<ElemInfo>,
}

impl FastSerializer {
    fn parent(&mut self) -> &mut ElemInfo {
        if self.stack.is_empty() {
            // html5ever panics here ("no parent ElemInfo"); a balanced traversal never gets here
            self.stack.push(ElemInfo {
                html_name: None,
                ignore_children: false,
            });
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last]
    }

    /// html5ever's `write_escaped`: `&`, no-break space, `<`, `>` and (in attributes) `"` escaped.
    fn write_escaped(&mut self, text: &str, attr_mode: bool) {
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let (escape, len): (Option<&str>, usize) = match bytes[i] {
                b'&' => (Some("&amp;"), 1),
                b'<' => (Some("&lt;"), 1),
                b'>' => (Some("&gt;"), 1),
                b'"' if attr_mode => (Some("&quot;"), 1),
                0xC2 if bytes.get(i + 1) == Some(&0xA0) => (Some("&nbsp;"), 2),
                _ => (None, 1),
            };
            if let Some(e) = escape {
                self.out.push_str(&text[copied..i]);
                self.out.push_str(e);
                copied = i + len;
            }
            i += len;
        }
        self.out.push_str(&text[copied..]);
    }
}

impl Serializer for FastSerializer {
    fn start_elem<'a, AttrIter>(&mut self, name: QualName, attrs: AttrIter) -> io::Result<()>
    where
        AttrIter: Iterator<Item = AttrRef<'a>>,
    {
        let html_name = match name.ns {
            ns!(html) => Some(name.local.clone()),
            _ => None,
        };
        if self.parent().ignore_children {
            self.stack.push(ElemInfo {
                html_name,
                ignore_children: true,
            });
            return Ok(());
        }
        self.out.push('<');
        self.out.push_str(&name.local);
        for (attr, value) in attrs {
            self.out.push(' ');
            match attr.ns {
                ns!() => (),
                ns!(xml) => self.out.push_str("xml:"),
                ns!(xmlns) => {
                    if attr.local != local_name!("xmlns") {
                        self.out.push_str("xmlns:");
                    }
                }
                ns!(xlink) => self.out.push_str("xlink:"),
                _ => self.out.push_str("unknown_namespace:"),
            }
            self.out.push_str(&attr.local);
            self.out.push_str("=\"");
            self.write_escaped(value, true);
            self.out.push('"');
        }
        self.out.push('>');
        let ignore_children = name.ns == ns!(html)
            && matches!(
                name.local,
                local_name!("area")
                    | local_name!("base")
                    | local_name!("basefont")
                    | local_name!("bgsound")
                    | local_name!("br")
                    | local_name!("col")
                    | local_name!("embed")
                    | local_name!("frame")
                    | local_name!("hr")
                    | local_name!("img")
                    | local_name!("input")
                    | local_name!("keygen")
                    | local_name!("link")
                    | local_name!("meta")
                    | local_name!("param")
                    | local_name!("source")
                    | local_name!("track")
                    | local_name!("wbr")
            );
        self.stack.push(ElemInfo {
            html_name,
            ignore_children,
        });
        Ok(())
    }

    fn end_elem(&mut self, name: QualName) -> io::Result<()> {
        let ignore_children = self.stack.pop().is_some_and(|info| info.ignore_children);
        if !ignore_children {
            self.out.push_str("</");
            self.out.push_str(&name.local);
            self.out.push('>');
        }
        Ok(())
    }

    fn write_text(&mut self, text: &str) -> io::Result<()> {
        // scraper serialises with scripting off, so <noscript> text is escaped like any other
        let raw = matches!(
            self.parent().html_name,
            Some(local_name!("style"))
                | Some(local_name!("script"))
                | Some(local_name!("xmp"))
                | Some(local_name!("iframe"))
                | Some(local_name!("noembed"))
                | Some(local_name!("noframes"))
                | Some(local_name!("plaintext"))
        );
        if raw {
            self.out.push_str(text);
        } else {
            self.write_escaped(text, false);
        }
        Ok(())
    }

    fn write_comment(&mut self, text: &str) -> io::Result<()> {
        self.out.push_str("<!--");
        self.out.push_str(text);
        self.out.push_str("-->");
        Ok(())
    }

    fn write_doctype(&mut self, name: &str) -> io::Result<()> {
        self.out.push_str("<!DOCTYPE ");
        self.out.push_str(name);
        self.out.push('>');
        Ok(())
    }

    fn write_processing_instruction(&mut self, target: &str, data: &str) -> io::Result<()> {
        self.out.push_str("<?");
        self.out.push_str(target);
        self.out.push(' ');
        self.out.push_str(data);
        self.out.push('>');
        Ok(())
    }
}

/// petrel patch: `element.attr(name)` without interning `name`: scraper makes an atom of the name (a perfect-hash
/// lookup, a lock for names it does not know) and binary-searches the sorted attributes comparing qualified names;
/// this runs the same binary search comparing strings (an atom orders as its string), so it finds the same
/// attribute — also in a list that edits have left unsorted.
pub fn element_attr<'a>(element: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    // the order of (prefix, namespace, local name) against (no prefix, the empty namespace, `name`): any prefix
    // sorts after none, any namespace after the empty one (the only atom of the empty string is `ns!()`)
    element
        .attrs
        .binary_search_by(|(q, _)| {
            if q.prefix.is_some() || q.ns != ns!() {
                std::cmp::Ordering::Greater
            } else {
                (*q.local).cmp(name)
            }
        })
        .ok()
        .map(|i| &*element.attrs[i].1)
}
