//! `createAuthClient`: the client state machine (src/client) driven by the browser. This file only
//! carries out the machine's effects, through functions js/client.js hands over: `send` (the
//! Frontend API transport: URL, query parameters, the dev browser token, fetch), `cookies` (the
//! app-domain cookies), `changed` (the store), `failed` (Clerk's error data on an `AuthError`);
//! timers and BroadcastChannel between tabs are here.

use std::cell::RefCell;
use std::rc::Rc;

use crate::json::{self, Js};
use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, MessageEvent};

use super::errors::to_js;
use crate::abi;
use crate::client::{
    parse_retry_after, AuthClient, Effect, Failure, HttpRequest, HttpResult, Organization, Outcome, Reply, RetryPolicy,
    TabMessage, TokenOptions, VecMap, WaiterId,
};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: f64) -> JsValue;
}

/// What js/client.js hands over, as JSON: `{ channel, seed }` (`channel`: the BroadcastChannel
/// name shared with the origin's other tabs, or null).
struct Config {
    channel: Option<String>,
    seed: u64,
}

impl Config {
    fn from_json(json: &str) -> Option<Config> {
        let [channel, seed] = json::pick(json, ["channel", "seed"])?;
        Some(Config {
            channel: match Js::of(Some(channel?)) {
                Js::String(channel) => Some(channel.into_owned()),
                _ => None,
            },
            seed: json::as_u64(seed?)?,
        })
    }
}

/// The JS side of the host: see the file comment.
struct Callbacks {
    changed: Function,
    send: Function,
    cookies: Function,
    failed: Function,
}

struct Host {
    machine: RefCell<AuthClient>,
    channel: Option<BroadcastChannel>,
    js: Callbacks,
    waiters: RefCell<VecMap<WaiterId, (Function, Function)>>,
}

#[wasm_bindgen]
pub struct WasmAuthClient(Rc<Host>);

#[wasm_bindgen]
impl WasmAuthClient {
    /// `changed(stateJson, claimsJson?)` whenever `getState()` changes; `send(method, path, form?)`
    /// resolves to `[status, body, retryAfter]` or rejects on a network error; `cookies(session,
    /// clientUat)`; `failed(error, status, body)` adds the Frontend API's answer to an error.
    #[wasm_bindgen(constructor)]
    pub fn new(
        config_json: &str,
        changed: Function,
        send: Function,
        cookies: Function,
        failed: Function,
    ) -> Result<WasmAuthClient, JsValue> {
        let config = Config::from_json(config_json).ok_or_else(|| {
            to_js(crate::AuthError::new(crate::ErrorKind::OptionsInvalid, "createAuthClient: invalid configuration."))
        })?;
        let channel = config.channel.and_then(|name| BroadcastChannel::new(&name).ok());
        let host = Rc::new(Host {
            machine: RefCell::new(AuthClient::new(config.seed, RetryPolicy::default())),
            channel,
            js: Callbacks { changed, send, cookies, failed },
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
            Reply::Ready(outcome) => match self.outcome_value(outcome) {
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
                let sent = self.send(&request);
                let host = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match sent {
                        Ok(promise) => http_result(JsFuture::from(promise).await),
                        Err(_) => HttpResult::NetworkError(String::new()),
                    };
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
                let _ = match self.outcome_value(outcome) {
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
                let _ = self.js.changed.call2(&JsValue::NULL, &state.into(), &claims);
            }
            Effect::Cookies { session, client_uat } => {
                let session = session.map_or(JsValue::NULL, JsValue::from);
                let _ = self.js.cookies.call2(&JsValue::NULL, &session, &(client_uat as f64).into());
            }
            Effect::Broadcast(message) => {
                if let Some(channel) = &self.channel {
                    let _ = channel.post_message(&message.to_json().into());
                }
            }
        }
    }

    fn send(&self, request: &HttpRequest) -> Result<Promise, JsValue> {
        let form = request.form.as_deref().map_or(JsValue::UNDEFINED, JsValue::from);
        let method = JsValue::from(request.method.as_str());
        self.js.send.call3(&JsValue::NULL, &method, &request.path.as_str().into(), &form)?.dyn_into()
    }

    fn outcome_value(&self, outcome: Outcome) -> Result<JsValue, JsValue> {
        match outcome {
            Outcome::Token(token) => Ok(token.map_or(JsValue::NULL, JsValue::from)),
            Outcome::Done => Ok(JsValue::UNDEFINED),
            Outcome::Failed(Failure { error, response }) => {
                let error = to_js(error);
                if let Some((status, body)) = response {
                    let _ = self.js.failed.call3(&JsValue::NULL, &error, &status.into(), &body.into());
                }
                Err(error)
            }
        }
    }
}

/// `send`'s answer: `[status, body, retryAfter]`, or a rejection for a network error.
fn http_result(answer: Result<JsValue, JsValue>) -> HttpResult {
    let Ok(answer) = answer.and_then(|a| a.dyn_into::<Array>()) else {
        return HttpResult::NetworkError(String::new());
    };
    let status = answer.get(0).as_f64().unwrap_or(0.0) as u16;
    let body = answer.get(1).as_string().unwrap_or_default();
    let retry_after_secs = answer.get(2).as_string().as_deref().and_then(parse_retry_after);
    HttpResult::Response { status, body, retry_after_secs }
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
