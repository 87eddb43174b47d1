/* Search on demand, online site (README.md, "Search on demand"). Runs before Material's bundle;
   holds back its request for the search index (XMLHttpRequest.send) and the start of its search
   worker (new Worker) until the reader starts a search: focus on the search box, the search
   button, or a ?q= / ?h= link. Everything else passes straight through. */
(function () {
  "use strict";
  var root = document.documentElement;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var base = new URL(config.base, location.href);
  var INDEX = new URL("search/search_index.json", base).href;
  var WORKER = new URL(config.search, location.href).href;
  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) { return; }
    wanted = true;
    root.classList.add("search-loading");
    var go = waiting;
    waiting = [];
    go.forEach(function (start) { start(); });
  }

  function later(start) {
    if (wanted) { start(); } else { waiting.push(start); }
  }

  function resolve(url) {
    try { return new URL(url, location.href).href; } catch (e) { return ""; }
  }

  /* The index: Material requests it with XMLHttpRequest; its send waits for the search. */
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = resolve(url) === INDEX;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this;
    var args = arguments;
    if (!xhr.searchIndex) { return send.apply(xhr, args); }
    xhr.addEventListener("error", done);
    later(function () { send.apply(xhr, args); });
  };

  /* The worker: a stand-in that keeps Material's listeners and messages until the search starts. */
  var RealWorker = window.Worker;
  function done() { root.classList.remove("search-loading"); }
  if (RealWorker) {
    window.Worker = function (url, options) {
      if (resolve(url) !== WORKER) { return new RealWorker(url, options); }
      var real = null;
      var stopped = false;
      var listeners = [];
      var messages = [];
      later(function () {
        if (stopped) { return; }
        real = new RealWorker(url, options);
        real.addEventListener("message", done, { once: true });   // its first answer: index ready
        real.addEventListener("error", done, { once: true });
        listeners.forEach(function (args) { real.addEventListener.apply(real, args); });
        messages.forEach(function (args) { real.postMessage.apply(real, args); });
        listeners = messages = null;
      });
      return {
        addEventListener: function () {
          if (real) { real.addEventListener.apply(real, arguments); } else { listeners.push(arguments); }
        },
        removeEventListener: function (type, handler) {
          if (real) { real.removeEventListener.apply(real, arguments); return; }
          listeners = listeners.filter(function (args) { return args[0] !== type || args[1] !== handler; });
        },
        postMessage: function () {
          if (real) { real.postMessage.apply(real, arguments); } else { messages.push(arguments); }
        },
        terminate: function () {
          stopped = true;
          if (real) { real.terminate(); }
        }
      };
    };
  }

  /* What starts a search. */
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) { want(); }
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) { want(); }
  });
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) { want(); }
})();
