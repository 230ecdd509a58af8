// The fill-in page of a form (/forms/<name>/fill/).
