//! `createAuthClient`: the client state machine (src/client) driven by the browser. This file only
//! carries out the machine's effects: fetch through gloo-net, timers, the `__session` cookie,
//! BroadcastChannel between tabs, and the promises handed to JS.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_net::http::Request;
use js_sys::{Function, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use web_sys::{AbortSignal, BroadcastChannel, Headers, MessageEvent, RequestCredentials, RequestInit};

use super::errors::to_js;
use crate::abi;
use crate::client::{
    parse_retry_after, AuthClient, Effect, HttpRequest, HttpResult, Organization, Outcome, Reply, RetryPolicy,
    TabMessage, TokenOptions, VecMap,
};

/// A request that has had no answer for this long counts as a network error (and is retried).
const REQUEST_TIMEOUT_MS: u32 = 15_000;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: f64) -> JsValue;
}

/// What js/client.js hands over, as JSON: `{ frontendApi, sessionCookie, syncTabs, seed }`.
struct Config {
    frontend_api: String,
    session_cookie: bool,
    sync_tabs: bool,
    seed: u64,
}

impl Config {
    fn from_json(json: &str) -> Option<Config> {
        let config: Value = crate::json::parse(json)?;
        Some(Config {
            frontend_api: config.get("frontendApi")?.as_str()?.to_owned(),
            session_cookie: config.get("sessionCookie")?.as_bool()?,
            sync_tabs: config.get("syncTabs")?.as_bool()?,
            seed: config.get("seed")?.as_u64()?,
        })
    }
}

struct Host {
    machine: RefCell<AuthClient>,
    frontend_api: String,
    session_cookie: bool,
    channel: Option<BroadcastChannel>,
    on_change: Function,
    waiters: RefCell<VecMap<u64, (Function, Function)>>,
}

#[wasm_bindgen]
pub struct WasmAuthClient(Rc<Host>);

#[wasm_bindgen]
impl WasmAuthClient {
    /// `on_change(stateJson, claimsJson?)` is called whenever `getState()` changes.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str, on_change: Function) -> Result<WasmAuthClient, JsValue> {
        let config = Config::from_json(config_json).ok_or_else(|| {
            let message = "createAuthClient: frontendApi is a string, sessionCookie and syncTabs booleans.";
            to_js(crate::AuthError::new(crate::ErrorKind::OptionsInvalid, message))
        })?;
        let channel = if config.sync_tabs {
            BroadcastChannel::new(&format!("wasm-auth:{}", config.frontend_api)).ok()
        } else {
            None
        };
        let host = Rc::new(Host {
            machine: RefCell::new(AuthClient::new(config.seed, RetryPolicy::default())),
            frontend_api: config.frontend_api.trim_end_matches('/').to_owned(),
            session_cookie: config.session_cookie,
            channel,
            on_change,
            waiters: RefCell::new(VecMap::new()),
        });
        if let Some(channel) = &host.channel {
            let weak = Rc::downgrade(&host);
            let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let message = event.data().as_string().and_then(|m| TabMessage::from_json(&m));
                if let (Some(host), Some(message)) = (weak.upgrade(), message) {
                    host.machine.borrow_mut().on_tab_message(message, now());
                    host.run_effects();
                }
            });
            channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
            listener.forget(); // lives as long as the channel, which lives as long as the client
        }
        Ok(WasmAuthClient(host))
    }

    pub fn load(&self) -> Promise {
        let reply = self.0.machine.borrow_mut().load(now());
        self.0.answer(reply)
    }

    /// `organization`: an `abi::organization` selector (the active one, personal, or the id in
    /// `organization_id`).
    /// Returns the token (or `null`) when the cache answers, a `Promise` otherwise.
    #[wasm_bindgen(js_name = getToken)]
    pub fn get_token(
        &self,
        template: Option<String>,
        organization: u8,
        organization_id: Option<String>,
        skip_cache: bool,
        leeway_secs: Option<f64>,
    ) -> JsValue {
        let organization = match (organization, organization_id) {
            (abi::organization::PERSONAL, _) => Organization::Personal,
            (abi::organization::ID, Some(id)) => Organization::Id(id),
            _ => Organization::Active,
        };
        let options = TokenOptions { template, organization, skip_cache, leeway_secs };
        let reply = self.0.machine.borrow_mut().get_token(options, now());
        match reply {
            Reply::Ready(Outcome::Token(token)) => token.map_or(JsValue::NULL, JsValue::from),
            reply => self.0.answer(reply).into(),
        }
    }

    #[wasm_bindgen(js_name = signOut)]
    pub fn sign_out(&self, session_id: Option<String>) -> Promise {
        let reply = self.0.machine.borrow_mut().sign_out(session_id, now());
        self.0.answer(reply)
    }

    #[wasm_bindgen(js_name = setActive)]
    pub fn set_active(&self, organization_id: Option<String>) -> Promise {
        let reply = self.0.machine.borrow_mut().set_active(organization_id, now());
        self.0.answer(reply)
    }
}

impl Host {
    /// A promise for a reply; effects the call produced are carried out first.
    fn answer(self: &Rc<Self>, reply: Reply) -> Promise {
        let promise = match reply {
            Reply::Ready(outcome) => match outcome_value(outcome) {
                Ok(value) => Promise::resolve(&value),
                Err(error) => Promise::reject(&error),
            },
            Reply::Wait(waiter) => Promise::new(&mut |resolve, reject| {
                self.waiters.borrow_mut().insert(waiter, (resolve, reject));
            }),
        };
        self.run_effects();
        promise
    }

    /// Carries out effects until the machine has none left. No borrow is held while JS runs, so
    /// callbacks may call back into the client.
    fn run_effects(self: &Rc<Self>) {
        loop {
            let effects = self.machine.borrow_mut().take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                self.run(effect);
            }
        }
    }

    fn run(self: &Rc<Self>, effect: Effect) {
        match effect {
            Effect::Http { id, request } => {
                let host = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(async move {
                    let result = fetch(&host.frontend_api, &request).await;
                    host.machine.borrow_mut().on_http(id, result, now());
                    host.run_effects();
                });
            }
            Effect::Timer { id, at } => {
                let weak = Rc::downgrade(self);
                let fire = Closure::once_into_js(move || {
                    if let Some(host) = weak.upgrade() {
                        host.machine.borrow_mut().on_timer(id, now());
                        host.run_effects();
                    }
                });
                let handle = set_timeout(&fire, at.saturating_sub(now()) as f64);
                unref(&handle);
            }
            Effect::Settle { waiter, outcome } => {
                let Some((resolve, reject)) = self.waiters.borrow_mut().take(&waiter) else { return };
                let _ = match outcome_value(outcome) {
                    Ok(value) => resolve.call1(&JsValue::NULL, &value),
                    Err(error) => reject.call1(&JsValue::NULL, &error),
                };
            }
            Effect::StateChanged => {
                let (state, claims) = {
                    let machine = self.machine.borrow();
                    let (state, claims) = machine.state().to_json();
                    (state, claims.map(str::to_owned))
                };
                let claims = claims.map_or(JsValue::UNDEFINED, JsValue::from);
                let _ = self.on_change.call2(&JsValue::NULL, &state.into(), &claims);
            }
            Effect::SessionCookie(token) if self.session_cookie => write_session_cookie(token.as_deref()),
            Effect::SessionCookie(_) => {}
            Effect::Broadcast(message) => {
                if let Some(channel) = &self.channel {
                    let _ = channel.post_message(&message.to_json().into());
                }
            }
        }
    }
}

fn outcome_value(outcome: Outcome) -> Result<JsValue, JsValue> {
    match outcome {
        Outcome::Token(token) => Ok(token.map_or(JsValue::NULL, JsValue::from)),
        Outcome::Done => Ok(JsValue::UNDEFINED),
        Outcome::Failed(error) => Err(to_js(error)),
    }
}

/// One Frontend API request. gloo-net sends it and reads the answer; the request itself is a
/// `web_sys::Request` built directly, since gloo's `RequestBuilder` re-parses the URL for query
/// parameters and maps methods through the `http` crate, which cost more of the wasm than the
/// few setters below.
async fn fetch(frontend_api: &str, request: &HttpRequest) -> HttpResult {
    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    init.set_credentials(RequestCredentials::Include);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(REQUEST_TIMEOUT_MS)));
    if let Some(form) = &request.form {
        if let Ok(headers) = Headers::new() {
            let _ = headers.set("content-type", "application/x-www-form-urlencoded");
            init.set_headers(&headers);
        }
        init.set_body(&JsValue::from_str(form));
    }
    let url = [frontend_api, &request.path].concat();
    let response = match web_sys::Request::new_with_str_and_init(&url, &init) {
        Ok(request) => Request::from(request).send().await,
        Err(_) => return HttpResult::NetworkError(format!("{url} is not a URL fetch accepts.")),
    };
    let response = match response {
        Ok(response) => response,
        Err(error) => return HttpResult::NetworkError(error.to_string()),
    };
    let retry_after_secs = response.headers().get("retry-after").as_deref().and_then(parse_retry_after);
    match response.text().await {
        Ok(body) => HttpResult::Response { status: response.status(), body, retry_after_secs },
        Err(error) => HttpResult::NetworkError(error.to_string()),
    }
}

/// `__session` for the app's own server to read (path `/`, SameSite=Lax); removed on sign-out.
/// Outside a document (Node, workers) there is no cookie to write.
fn write_session_cookie(token: Option<&str>) {
    let Ok(document) = Reflect::get(&js_sys::global(), &"document".into()) else { return };
    if document.is_undefined() {
        return;
    }
    let secure = Reflect::get(&js_sys::global(), &"location".into())
        .and_then(|l| Reflect::get(&l, &"protocol".into()))
        .is_ok_and(|p| p.as_string().as_deref() == Some("https:"));
    let attributes = if secure { "; Path=/; SameSite=Lax; Secure" } else { "; Path=/; SameSite=Lax" };
    let cookie = match token {
        Some(token) => format!("__session={token}{attributes}"),
        None => format!("__session={attributes}; Expires=Thu, 01 Jan 1970 00:00:00 GMT"),
    };
    let _ = Reflect::set(&document, &"cookie".into(), &cookie.into());
}

/// Node keeps the process alive for a pending timer; a refresh must not.
fn unref(handle: &JsValue) {
    if let Ok(unref) = Reflect::get(handle, &"unref".into()).and_then(|f| f.dyn_into::<Function>()) {
        let _ = unref.call0(handle);
    }
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}
