/*
 * A stand-in for Web Workers on pages opened from file://.
 *
 * Chromium refuses `new Worker("file:...")`, so Material's search worker
 * cannot start from an unzipped bundle. This shim runs the worker script in a
 * hidden same-origin iframe (srcdoc) instead: messages are delivered as
 * events on both sides, and importScripts() loads scripts with <script> tags
 * (it returns a promise, which Material's worker awaits). Material's worker
 * looks for `IFrameWorker` on its parent to resolve its language files.
 * Online (http/https) the native Worker is used and this file does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:" || window.IFrameWorker) return;

  function loadScript(doc, url) {
    return new Promise(function (resolve, reject) {
      var script = doc.createElement("script");
      script.src = url;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      doc.body.appendChild(script);
    });
  }

  function IFrameWorker(scriptUrl) {
    var self = this;
    var url = new URL(scriptUrl, location.href).href;
    var listeners = [];
    var queue = [];
    var ready = false;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.srcdoc = "<!doctype html><html><head></head><body></body></html>";
    this.onmessage = null;
    this.frame = frame;

    function deliver(data) {
      var win = frame.contentWindow;
      setTimeout(function () { win.dispatchEvent(new win.MessageEvent("message", { data: data })); }, 0);
    }

    this.addEventListener = function (type, fn) { if (type === "message") listeners.push(fn); };
    this.removeEventListener = function (type, fn) { listeners = listeners.filter(function (f) { return f !== fn; }); };
    this.postMessage = function (data) { if (ready) deliver(data); else queue.push(data); };
    this.terminate = function () { frame.remove(); };

    frame.addEventListener("load", function () {
      var win = frame.contentWindow;
      win.importScripts = function () {
        var urls = Array.prototype.slice.call(arguments);
        return urls.reduce(function (done, u) {
          return done.then(function () { return loadScript(win.document, new URL(u, url).href); });
        }, Promise.resolve());
      };
      win.postMessage = function (data) {
        var event = new MessageEvent("message", { data: data });
        setTimeout(function () {
          listeners.forEach(function (fn) { fn.call(self, event); });
          if (typeof self.onmessage === "function") self.onmessage(event);
        }, 0);
      };
      loadScript(win.document, url).then(function () {
        ready = true;
        queue.splice(0).forEach(deliver);
      });
    }, { once: true });
    (document.body || document.documentElement).appendChild(frame);
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
