use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{copy_text, print, qr_svg};

/// Links longer than this are hard to share by QR code or chat.
const LONG_LINK: usize = 2000;

/// A shared quiz's link: the address to copy, its length, the share
/// buttons (the children go between "Copy link" and "Print QR code") and
/// the QR code, printed with the quiz title.
#[component]
pub fn ShareLink(
    /// The whole link.
    url: String,
    /// The quiz title, under the QR code.
    title: String,
    /// The outcome of copying, for the status line.
    copied: RwSignal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let qr = qr_svg(&url);
    let long = url.len() > LONG_LINK;
    let url_copy = url.clone();
    view! {
        <div class="field wide">
            <label for="share-link">"Quiz link"</label>
            <input id="share-link" type="text" readonly prop:value=url.clone() on:focus=move |ev| {
                if let Some(i) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok()) { i.select(); }
            }/>
            <p class="hint">{format!("{} characters. The quiz travels in the part after #, which browsers never send to a server.", url.len())}</p>
            {long.then(|| view! { <p class="hint">"This link is long; the file may be easier to share."</p> })}
        </div>
        <div class="actions no-print">
            <button type="button" on:click=move |_| {
                let text = url_copy.clone();
                spawn_local(async move {
                    copied.set(Some(match copy_text(&text).await { Ok(()) => "Link copied.".into(), Err(e) => e }));
                });
            }>"Copy link"</button>
            {children()}
            <button type="button" class="secondary" on:click=move |_| print()>"Print QR code"</button>
        </div>
        <p role="status">{move || copied.get()}</p>
        {match qr {
            Ok(svg) => view! { <figure class="qr print-area"><div class="qr-code" role="img" aria-label="QR code of the quiz link" inner_html=svg></div><figcaption>{title}</figcaption></figure> }.into_any(),
            Err(e) => view! { <p class="hint">{e}</p> }.into_any(),
        }}
    }
}
