use leptos::prelude::*;

use crate::browser::{active_element, after_render, focus_element, focus_heading};

/// A question before something that cannot be undone, as a modal dialog
/// (the native `<dialog>`, opened with `showModal`): focus moves into it,
/// onto the cancel button; the page behind cannot be reached; Escape or the
/// cancel button closes it, and focus goes back to the control that opened
/// it (or to the page's heading if that control is gone).
#[component]
pub fn ConfirmDialog(
    /// Whether it is open; closing it sets this to false.
    open: RwSignal<bool>,
    /// Prefix of the ids of its heading and text.
    #[prop(into)]
    id: String,
    /// The question, which names the dialog.
    #[prop(into)]
    heading: String,
    /// What the choice means, which describes the dialog.
    #[prop(into)]
    text: Signal<String>,
    /// The button that closes it and changes nothing ("Keep working").
    cancel: &'static str,
    /// The other buttons, before the cancel button.
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    let opener = StoredValue::new_local(None::<web_sys::Element>);
    Effect::new(move |_| {
        let want = open.get();
        let Some(d) = dialog.get() else {
            return;
        };
        if want && !d.open() {
            opener.try_set_value(active_element());
            if d.show_modal().is_ok() {
                if let Some(b) = cancel_button.get() {
                    let _ = b.focus();
                }
            }
        } else if !want && d.open() {
            d.close();
        }
    });
    // Escape, the cancel button, or the page closing it after a choice.
    let on_close = move |_| {
        open.try_set(false);
        let back = opener.try_get_value().flatten();
        after_render(move || {
            if !back.is_some_and(|el| focus_element(&el)) {
                focus_heading();
            }
        });
    };
    let (heading_id, text_id) = (format!("{id}-heading"), format!("{id}-text"));
    let (labelled_by, described_by) = (heading_id.clone(), text_id.clone());
    view! {
        <dialog
            node_ref=dialog
            class="confirm card"
            role="alertdialog"
            aria-labelledby=labelled_by
            aria-describedby=described_by
            on:close=on_close
        >
            <h2 id=heading_id>{heading}</h2>
            <p id=text_id>{move || text.get()}</p>
            <div class="actions">
                {children()}
                <button type="button" class="secondary" node_ref=cancel_button on:click=move |_| open.set(false)>
                    {cancel}
                </button>
            </div>
        </dialog>
    }
}
