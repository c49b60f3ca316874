//! The browser side of storage: `Backend` over the real localStorage, via
//! gloo-storage. All policy (keys, versions, recovery) lives in
//! `domain::storage`; this file only talks to the browser.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::domain::storage::{Backend, StorageError};

pub struct LocalStorageBackend;

impl LocalStorageBackend {
    /// `LocalStorage::raw()` throws when storage is blocked (privacy settings,
    /// some embedded browsers), so check first and report it instead.
    fn storage() -> Result<web_sys::Storage, StorageError> {
        let window =
            web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(LocalStorage::raw()),
            Ok(None) => Err(StorageError::Unavailable(
                "local storage is turned off".into(),
            )),
            Err(e) => Err(StorageError::Unavailable(js_error_text(&e))),
        }
    }
}

fn js_error_name(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .unwrap_or_default()
}

fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => format!(
            "{}: {}",
            String::from(err.name()),
            String::from(err.message())
        ),
        None => "unknown error".into(),
    }
}

impl Backend for LocalStorageBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Self::storage()?
            .get_item(key)
            .map_err(|e| StorageError::Unavailable(js_error_text(&e)))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        Self::storage()?.set_item(key, value).map_err(|e| {
            if js_error_name(&e) == "QuotaExceededError" {
                StorageError::Full
            } else {
                StorageError::Failed(js_error_text(&e))
            }
        })
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        Self::storage()?
            .remove_item(key)
            .map_err(|e| StorageError::Failed(js_error_text(&e)))
    }
}
