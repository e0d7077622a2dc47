"""Models: layers, sentiment and seq2seq (dates, times), model files and cards, tokenizer."""
