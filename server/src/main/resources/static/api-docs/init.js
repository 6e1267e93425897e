// The seven contracts, served from the jar at /openapi/*.yaml. "Try it out" sends requests from the browser,
// which presents a client certificate only if one is installed in it.
window.ui = SwaggerUIBundle({
  urls: [
    { name: "Exchange", url: "/openapi/exchange.yaml" },
    { name: "Proofs", url: "/openapi/proofs.yaml" },
    { name: "Verifications", url: "/openapi/verifications.yaml" },
    { name: "Seals", url: "/openapi/seals.yaml" },
    { name: "Catalogue", url: "/openapi/catalogue.yaml" },
    { name: "Audit", url: "/openapi/audit.yaml" },
    { name: "Admin", url: "/openapi/admin.yaml" }
  ],
  "urls.primaryName": "Exchange",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
});
