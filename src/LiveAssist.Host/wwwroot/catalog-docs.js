// Browsable catalog API reference, read from the generated OpenAPI document named on the page.
const root = document.getElementById('swagger-ui');
window.ui = SwaggerUIBundle({ url: root.dataset.specUrl, dom_id: '#swagger-ui' });
