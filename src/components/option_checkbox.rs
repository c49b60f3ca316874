use leptos::prelude::*;

/// One tickable option in an options list: ticking adds `value` to
/// `chosen`, unticking removes it. The children are the option's text.
#[component]
pub fn OptionCheckbox(
    /// The values ticked so far.
    chosen: RwSignal<Vec<String>>,
    /// What ticking this option adds.
    value: String,
    /// The label's class: `option`, or `option pick` in the pick list.
    #[prop(default = "option")]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let shown = value.clone();
    view! {
        <li>
            <label class=class>
                <input
                    type="checkbox"
                    prop:checked=move || chosen.with(|c| c.contains(&shown))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|x| x != &value);
                            if on {
                                c.push(value.clone());
                            }
                        });
                    }
                />
                {children()}
            </label>
        </li>
    }
}
