//! The browser helpers pages and components share: the clock, random seeds,
//! the time zone, the title, dates in the user's locale, files, the clipboard,
//! printing, focus, announcements and the panic hook. Pages import these from
//! here rather than from each other.

use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: JsValue| format!("The browser could not save the file ({e:?}).");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads a file the user picked as text.
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let promise = file.text();
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| format!("The file \"{}\" could not be read.", file.name()))?
        .as_string()
        .ok_or_else(|| format!("The file \"{}\" is not text.", file.name()))
}

/// Today's date as YYYY-MM-DD in local time, for file names.
pub fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Copies text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = web_sys::window()
        .ok_or("no window")?
        .navigator()
        .clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| {
            "The browser did not allow copying. Select the link and copy it by hand.".to_string()
        })
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The URL fragment without its `#` (share payloads travel here).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// The site's origin, e.g. `https://example.org`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// A QR code of `text` as an SVG document string.
pub fn qr_svg(text: &str) -> Result<String, String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(text.as_bytes()).map_err(|e| {
        format!("This link is too long for a QR code ({e}). Share the file instead.")
    })?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}

/// The URL fragment as a signal that follows `hashchange` (pasting a new
/// link into the address bar of an open tab changes only the fragment).
pub fn use_fragment() -> leptos::prelude::ReadSignal<String> {
    use leptos::prelude::*;
    let (hash, set_hash) = signal(fragment());
    let handle = window_event_listener(leptos::ev::hashchange, move |_| set_hash.set(fragment()));
    on_cleanup(move || handle.remove());
    hash
}

/// The files dropped on a drop zone (none when something else was dropped).
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    ev.data_transfer()
        .and_then(|t| t.files())
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// The files chosen in a file input's change event. The input is reset so
/// choosing the same file again fires another change.
pub fn chosen_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// Sets the document title, so each page is announced and bookmarked by name.
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · PharmQuiz"));
    }
}

/// A date and time in the browser's locale.
pub fn format_date(ms: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    let locale = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en-US".into());
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&opts, &"timeStyle".into(), &"short".into());
    String::from(date.to_locale_string(&locale, &opts))
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A fresh quiz seed (53 random bits, enough to never repeat in practice).
pub fn random_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
}

/// Minutes behind UTC, as JavaScript reports it (for local calendar days).
pub fn tz_offset_min() -> f64 {
    js_sys::Date::new_0().get_timezone_offset()
}

/// The id of the frame's polite live region (see [`announce`]).
pub const ANNOUNCER_ID: &str = "pq-announce";

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The element that has focus, if any.
pub fn active_element() -> Option<web_sys::Element> {
    document().and_then(|d| d.active_element())
}

/// Focuses `el`, first making it focusable by script (`tabindex="-1"`) when
/// it is not a control. Returns false for an element no longer on the page.
pub fn focus_element(el: &web_sys::Element) -> bool {
    let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() else {
        return false;
    };
    if !h.is_connected() {
        return false;
    }
    if h.tab_index() < 0 && !h.has_attribute("tabindex") {
        let _ = h.set_attribute("tabindex", "-1");
    }
    h.focus().is_ok()
}

/// Focuses the first element matching `selector`; false when there is none.
pub fn focus_first(selector: &str) -> bool {
    document()
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .is_some_and(|el| focus_element(&el))
}

/// Focuses the `n`th element matching `selector` (0-based), or the last one
/// when there are fewer: after removing an item from a list, its neighbour.
/// False when there is none.
pub fn focus_nth_or_last(selector: &str, n: u32) -> bool {
    let Some(list) = document().and_then(|d| d.query_selector_all(selector).ok()) else {
        return false;
    };
    let last = list.length().checked_sub(1);
    last.and_then(|last| list.item(n.min(last)))
        .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| focus_element(&el))
}

/// Focuses the page's heading: the element a page marks with
/// `data-page-focus` (the quiz marks its question), else the `<h1>` in
/// `<main>`. False while the page has neither (still loading).
pub fn focus_heading() -> bool {
    focus_first("main [data-page-focus]") || focus_first("main h1")
}

/// Runs `f` once the page shows the signals just set: Leptos updates the
/// page in a microtask, which runs before a zero timeout.
pub fn after_render(f: impl FnOnce() + 'static) {
    set_timeout(f, Duration::ZERO);
}

/// Whether focus is nowhere a keyboard user can carry on from: on the page
/// itself, on `<main>`, on a control that was removed, or still on `from`,
/// the control that changed the page.
fn focus_is_lost(from: Option<&web_sys::Element>) -> bool {
    let Some(el) = active_element() else {
        return true;
    };
    let tag = el.tag_name();
    tag == "BODY" || tag == "MAIN" || !el.is_connected() || from == Some(&el)
}

/// After a route change: focuses the new page's heading once it is drawn,
/// so screen readers announce the page and Tab goes on from there. A page
/// still loading gets more tries (up to two seconds); if the user has moved
/// focus meanwhile, it stays where they put it.
pub fn focus_new_page() {
    fn attempt(from: Option<web_sys::Element>, tries: u32) {
        after_render(move || {
            if !focus_is_lost(from.as_ref()) || focus_heading() || tries == 0 {
                return;
            }
            set_timeout(move || attempt(from, tries - 1), Duration::from_millis(50));
        });
    }
    attempt(active_element(), 40);
}

/// Removes the pre-rendered page `shell` once the app has drawn itself. If
/// the user had already moved focus into it (a Tab during start-up), focus
/// goes to the same control in the app (same tag, link target and id, and
/// the same text unless it has an id, like `main`) instead of falling back to
/// the top of the page.
pub fn replace_shell(shell: web_sys::Element) {
    let focused = active_element().filter(|a| shell.contains(Some(a)));
    let twin = focused.and_then(|old| {
        let same = |e: &web_sys::Element| {
            !shell.contains(Some(e))
                && e.get_attribute("href") == old.get_attribute("href")
                && e.id() == old.id()
                && (!old.id().is_empty() || e.text_content() == old.text_content())
        };
        let all = document()?
            .query_selector_all(&old.tag_name().to_lowercase())
            .ok()?;
        (0..all.length())
            .filter_map(|i| all.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .find(same)
    });
    shell.remove();
    if let Some(el) = twin {
        focus_element(&el);
    }
}

/// Says `text` to screen readers through the frame's polite live region,
/// whatever page is showing. The region is emptied first, so the same
/// words said twice are heard twice.
pub fn announce(text: &str) {
    let Some(region) = document().and_then(|d| d.get_element_by_id(ANNOUNCER_ID)) else {
        return;
    };
    region.set_text_content(None);
    let text = text.to_string();
    set_timeout(
        move || region.set_text_content(Some(&text)),
        Duration::from_millis(50),
    );
}

/// Installs the panic hook: the panic goes to the console, and the page is
/// replaced by the recovery screen of `web/recover.js` (plain DOM, with
/// Reload and Export your data), since the app cannot go on after a panic.
pub fn set_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(w) = web_sys::window() else {
            return;
        };
        if let Ok(show) = js_sys::Reflect::get(&w, &JsValue::from_str("pqShowError")) {
            if let Some(show) = show.dyn_ref::<js_sys::Function>() {
                let _ = show.call1(&JsValue::NULL, &JsValue::from_str(&info.to_string()));
            }
        }
    }));
}
