use leptos::prelude::*;
use std::sync::Arc;

use crate::domain::home_view::weak_line;
use crate::domain::manifest::Manifest;

/// A bank card's weakest topics with their mastery; nothing while there
/// are none.
#[component]
pub fn WeakTopics(
    /// Topic id and mastery in percent, weakest first.
    weak: Memo<Vec<(String, u32)>>,
    /// For the topics' labels.
    manifest: Arc<Manifest>,
) -> impl IntoView {
    move || {
        let weak = weak.get();
        (!weak.is_empty()).then(|| {
            let items = weak
                .iter()
                .map(|(t, p)| view! { <li>{weak_line(manifest.topic_label(t), *p)}</li> })
                .collect_view();
            view! {
                <p class="weak-heading">"Weakest topics"</p>
                <ul class="weak">{items}</ul>
            }
        })
    }
}
