"""The product's name, shown in the header and the browser tab."""

PRODUCT_NAME = "Client Review Dashboard"
