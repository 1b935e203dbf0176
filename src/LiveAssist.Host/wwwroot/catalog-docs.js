// Browsable catalog API reference, read from the generated OpenAPI document.
window.ui = SwaggerUIBundle({ url: '/catalog/v1/openapi.json', dom_id: '#swagger-ui' });
