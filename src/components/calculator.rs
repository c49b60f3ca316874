use leptos::prelude::*;

use crate::domain::calculator::{Calculator as Keypad, Key, KEYPAD};

/// A basic calculator like the one a testing centre's exam screen offers
/// (`domain::calculator` holds its rules). Every key is a button that Tab
/// reaches; while focus is anywhere in the panel the keyboard types too.
/// Enter means equals there, as on a desktop calculator, and Escape clears
/// (only inside the panel); Space presses the focused key.
#[component]
pub fn Calculator() -> impl IntoView {
    let calc = RwSignal::new(Keypad::default());
    let press = move |key: Key| calc.update(|c| c.press(key));
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        // Leave shortcuts (copy, find, switching tabs) to the browser.
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let Some(key) = Key::from_keyboard(&ev.key()) else {
            return;
        };
        // Not also a click on the focused key (Enter), a quick find (/ in
        // Firefox) or anything the page does with the key.
        ev.prevent_default();
        ev.stop_propagation();
        press(key);
    };
    let keys = KEYPAD
        .into_iter()
        .map(|key| {
            view! {
                <button type="button" aria-label=key.name() on:click=move |_| press(key)>
                    {key.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        // tabindex -1: a click on the panel's background focuses it, so
        // typing works after it.
        <section
            class="calculator card"
            aria-labelledby="calculator-heading"
            tabindex="-1"
            on:keydown=on_keydown
        >
            <h2 id="calculator-heading">"Calculator"</h2>
            <p class="calculator-pending">
                {move || {
                    calc.with(|c| c.has_memory())
                        .then(|| {
                            view! {
                                <span aria-hidden="true">"M "</span>
                                <span class="visually-hidden">"Memory in use. "</span>
                            }
                        })
                }}
                {move || calc.with(Keypad::pending)}
            </p>
            <output class="calculator-display" aria-live="polite" aria-label="Calculator display">
                {move || calc.with(Keypad::display)}
            </output>
            <div class="calculator-keys">{keys}</div>
        </section>
    }
}
