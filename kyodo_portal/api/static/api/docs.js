// Starts Swagger UI on the API documentation page. Kept in a static file because the portal's
// Content-Security-Policy refuses inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  if (!node || typeof window.SwaggerUIBundle === "undefined") { return; }
  var language = node.getAttribute("data-lang") || document.documentElement.lang || "ja";
  window.SwaggerUIBundle({
    url: node.getAttribute("data-schema-url"),
    domNode: node,
    // Deep links put an anchor inside each operation's toggle button (nested controls, which
    // screen readers cannot operate).
    deepLinking: false,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    defaultModelsExpandDepth: 0,
    // Error messages and labels come back in the page's language.
    requestInterceptor: function (request) {
      request.headers["Accept-Language"] = language;
      return request;
    }
  });
});
