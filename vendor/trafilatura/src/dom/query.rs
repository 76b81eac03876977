// Port of CSS selector queries (dom.QuerySelector, dom.QuerySelectorAll, dom.GetElementsByTagName)

use ego_tree::NodeId;
use scraper::selector::ToCss;
use scraper::{Node, Selector};

use super::Document;

/// Maximum recursion depth for query traversals.
const MAX_TREE_DEPTH: usize = 500;

impl Document {
    /// Find the first element (in document order) within the subtree rooted at
    /// `root` that matches the given CSS selector string.
    ///
    /// Returns `None` if no match found or if the selector is invalid.
    ///
    /// Port of `dom.QuerySelector`.
    pub fn query_selector(&self, root: NodeId, selector: &str) -> Option<NodeId> {
        if is_type_selector(selector) {
            return self.elements_named(root, selector).into_iter().next();
        }
        let sel = Selector::parse(selector).ok()?;
        self.query_first_compiled(root, &sel)
    }

    /// Find all elements within the subtree rooted at `root` that match the
    /// given CSS selector string, in document order.
    ///
    /// Port of `dom.QuerySelectorAll`.
    pub fn query_selector_all(&self, root: NodeId, selector: &str) -> Vec<NodeId> {
        if is_type_selector(selector) {
            return self.elements_named(root, selector);
        }
        let Ok(sel) = Selector::parse(selector) else {
            return Vec::new();
        };
        self.query_selector_all_compiled(root, &sel)
    }

    /// Returns `<script>` elements whose `type` attribute exactly equals one
    /// of `types`.
    ///
    /// The CSS engine matches `type` values case-insensitively (it is in the
    /// HTML spec's case-insensitive attribute list), but upstream matches
    /// exactly: Go's cascadia and Python's lxml both compare attribute values
    /// case-sensitively, and the upstream reference corpus pins
    /// `APPLICATION/LD+JSON` as *not* a JSON-LD script. This helper reproduces
    /// upstream semantics with an exact-value post-filter.
    pub fn scripts_with_type(&self, types: &[&str]) -> Vec<NodeId> {
        // petrel patch: the `<script>` elements (by tag, no selector matching) with an exact `type`: what the
        // selector `script[type="..."]` and the exact post-filter of upstream kept
        self.get_elements_by_tag_name(self.root(), "script")
            .into_iter()
            .filter(|&id| {
                matches!(
                    self.get_attribute(id, "type").as_deref(),
                    Some(t) if types.contains(&t)
                )
            })
            .collect()
    }

    /// Find the first element matching a pre-compiled selector (early termination).
    pub(crate) fn query_first_compiled(&self, root: NodeId, sel: &Selector) -> Option<NodeId> {
        let mut found = None;
        self.for_each_match(root, sel, &mut |id| {
            found = Some(id);
            false
        });
        found
    }

    /// Find all elements matching a pre-compiled selector. Exposed for hot-path callers
    /// in the selector module that reuse compiled selectors across documents.
    pub(crate) fn query_selector_all_compiled(&self, root: NodeId, sel: &Selector) -> Vec<NodeId> {
        let mut result = Vec::new();
        self.for_each_match(root, sel, &mut |id| {
            result.push(id);
            true
        });
        result
    }

    /// petrel patch: calls `visit` with every element of the subtree of `root` (itself included) that
    /// matches `sel`, in document order, until `visit` returns false; elements `MAX_TREE_DEPTH` or more
    /// levels below `root` are left out, as upstream's recursive walk left them out.
    ///
    /// Upstream matched each element with `Selector::matches`, which builds and drops the selector caches
    /// for every element of the page; `ElementRef::select` keeps one set of caches for the whole walk. It
    /// sets `:scope` to the element it starts from where `matches` sets it to the document's root element,
    /// so a selector that names `:scope` (none of this crate's) takes the per-element walk.
    fn for_each_match(&self, root: NodeId, sel: &Selector, visit: &mut dyn FnMut(NodeId) -> bool) {
        if sel.to_css_string().contains(":scope") {
            self.walk_matching(root, sel, visit, 0);
            return;
        }
        let Some(root_ref) = self.tree.get(root) else {
            return;
        };
        // the elements whose subtrees are searched: the root, or the root's element children when the root is
        // the document node (text, comments and doctypes at the top match nothing)
        let tops: Vec<scraper::ElementRef> = match scraper::ElementRef::wrap(root_ref) {
            Some(e) => vec![e],
            None => root_ref.children().filter_map(scraper::ElementRef::wrap).collect(),
        };
        for top in tops {
            if sel.matches(&top) && !visit(top.id()) {
                return;
            }
            for found in top.select(sel) {
                if self.depth_below(found.id(), root) < MAX_TREE_DEPTH && !visit(found.id()) {
                    return;
                }
            }
        }
    }

    /// How many levels `id` lies below its ancestor `root`, counted up to `MAX_TREE_DEPTH`.
    fn depth_below(&self, id: NodeId, root: NodeId) -> usize {
        let mut depth = 0;
        let mut cur = self.tree.get(id);
        while let Some(node) = cur {
            if node.id() == root || depth >= MAX_TREE_DEPTH {
                return depth;
            }
            depth += 1;
            cur = node.parent();
        }
        depth
    }

    /// Upstream's walk: every element of the subtree matched on its own.
    fn walk_matching(
        &self,
        id: NodeId,
        sel: &Selector,
        visit: &mut dyn FnMut(NodeId) -> bool,
        depth: usize,
    ) -> bool {
        if depth >= MAX_TREE_DEPTH {
            return true;
        }
        let Some(node_ref) = self.tree.get(id) else {
            return true;
        };
        if let Some(elem_ref) = scraper::ElementRef::wrap(node_ref) {
            if sel.matches(&elem_ref) && !visit(id) {
                return false;
            }
        }
        for child in node_ref.children() {
            if !self.walk_matching(child.id(), sel, visit, depth + 1) {
                return false;
            }
        }
        true
    }

    /// petrel patch: what a selector that is just the tag name `tag` matches in the subtree of `root` (itself
    /// included), in document order and within the same depth, found by comparing names instead of running the
    /// CSS matcher on every element (a type selector compares the element's local name, lower-cased for HTML
    /// elements, with the selector's; `tag` is lower case).
    fn elements_named(&self, root: NodeId, tag: &str) -> Vec<NodeId> {
        let mut result = Vec::new();
        self.collect_by_tag(root, tag, true, &mut result, 0);
        result
    }

    /// Returns all descendant elements with a given tag name, in document order.
    ///
    /// Pass `"*"` to get all elements.
    ///
    /// Port of `dom.GetElementsByTagName`.
    pub fn get_elements_by_tag_name(&self, root: NodeId, tag: &str) -> Vec<NodeId> {
        let mut result = Vec::new();
        self.collect_by_tag(root, tag, false, &mut result, 0);
        result
    }

    fn collect_by_tag(
        &self,
        id: NodeId,
        tag: &str,
        include_self: bool,
        out: &mut Vec<NodeId>,
        depth: usize,
    ) {
        if depth >= MAX_TREE_DEPTH {
            return;
        }
        let Some(node) = self.tree.get(id) else {
            return;
        };

        if let Node::Element(e) = node.value() {
            let matches = tag == "*" || e.name.local.as_ref() == tag;
            if include_self && matches {
                out.push(id);
            }
        }

        for child in node.children() {
            self.collect_by_tag(child.id(), tag, true, out, depth + 1);
        }
    }

    /// Replaces the inner content of an element by parsing `html` as a fragment
    /// and appending the resulting nodes.
    ///
    /// Used in baseline extraction to parse `articleBody` HTML into a subtree.
    pub fn set_inner_html(&mut self, id: NodeId, html: &str) {
        // Remove all existing children.
        let children: Vec<NodeId> = self.child_nodes(id);
        for child_id in children {
            self.tree
                .get_mut(child_id)
                .expect("child NodeId from same tree")
                .detach();
        }

        // Parse fragment as a full document and transfer body children.
        let fragment = Document::parse(html);
        let Some(frag_body) = fragment.body() else {
            return;
        };

        let frag_children: Vec<NodeId> = fragment
            .tree
            .get(frag_body)
            .map(|n| n.children().map(|c| c.id()).collect())
            .unwrap_or_default();

        for child_id in frag_children {
            self.clone_from_tree(&fragment.tree, child_id, id);
        }
    }
}

/// petrel patch: whether `selector` is a bare lower-case tag name (`p`, `h1`, `figure`), for the fast path of
/// [`Document::query_selector_all`].
fn is_type_selector(selector: &str) -> bool {
    let b = selector.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(html: &str) -> Document {
        Document::parse(html)
    }

    #[test]
    fn test_query_selector() {
        let d = doc("<div><p class=\"target\">text</p><p>other</p></div>");
        let body = d.body().unwrap();
        let result = d.query_selector(body, "p.target");
        assert!(result.is_some());
        assert_eq!(d.tag_name(result.unwrap()), "p");
    }

    #[test]
    fn test_query_selector_all() {
        let d = doc("<div><p>one</p><p>two</p><span>three</span></div>");
        let body = d.body().unwrap();
        let results = d.query_selector_all(body, "p");
        assert_eq!(results.len(), 2);
    }

    #[test]
    fn test_get_elements_by_tag_name() {
        let d = doc("<div><p>one</p><p>two</p><span>three</span></div>");
        let body = d.body().unwrap();
        let div = d.children(body)[0];
        let ps = d.get_elements_by_tag_name(div, "p");
        assert_eq!(ps.len(), 2);
    }

    #[test]
    fn test_get_elements_by_tag_name_wildcard() {
        let d = doc("<div><p>one</p><span>two</span></div>");
        let body = d.body().unwrap();
        let div = d.children(body)[0];
        let all = d.get_elements_by_tag_name(div, "*");
        // p + span = 2
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn test_set_inner_html() {
        let mut d = doc("<div><p>old</p></div>");
        let body = d.body().unwrap();
        let div = d.children(body)[0];
        d.set_inner_html(div, "<span>new</span>");
        let children = d.children(div);
        assert_eq!(children.len(), 1);
        assert_eq!(d.tag_name(children[0]), "span");
        assert_eq!(d.text_content(children[0]), "new");
    }

    #[test]
    fn test_query_selector_nested() {
        let d = doc("<article><div><p id=\"main\">content</p></div></article>");
        let body = d.body().unwrap();
        let result = d.query_selector(body, "article p");
        assert!(result.is_some());
        assert_eq!(d.id_attr(result.unwrap()), "main");
    }
}
