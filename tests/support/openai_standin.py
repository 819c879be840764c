"""A slow OpenAI-compatible stand-in for the browser's streaming story
(e2e/browser/streaming.test.mjs), speaking OpenAI's wire format:
POST /v1/embeddings (hashed words, 1536 dimensions) and
POST /v1/chat/completions, which quotes the sentence of passage 1 sharing
most words with the question, cited [1], streamed as server-sent
chat.completion.chunk events a word every 120 ms, then [DONE]; NO_ANSWER
when the prompt holds no passage. Usage: openai_standin.py PORT"""
import hashlib
import json
import math
import re
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIMS = 1536


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def embed(text):
    v = [0.0] * DIMS
    for w in words(text):
        v[int(hashlib.sha1(w.encode()).hexdigest(), 16) % DIMS] += 1.0
    n = math.sqrt(sum(x * x for x in v)) or 1.0
    return [x / n for x in v]


def grounded(prompt):
    passages, _, question = prompt.rpartition("Question: ")
    first = re.search(r'<passage id="1"[^>]*>\n(.*?)\n</passage>', passages, re.S)
    if not first:
        return "NO_ANSWER"
    wanted = set(words(question))
    sentences = re.split(r"(?<=[.!?])\s+", first.group(1).strip())
    best = max(sentences, key=lambda s: len(wanted & set(words(s))))
    return best.replace("&amp;", "&") + " [1]"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_json(self, value):
        data = json.dumps(value).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        if self.path.endswith("/embeddings"):
            texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
            data = [{"object": "embedding", "index": i, "embedding": embed(t)} for i, t in enumerate(texts)]
            return self.send_json({"object": "list", "model": body["model"], "data": data})
        text = grounded(body["messages"][-1]["content"])
        if not body.get("stream"):
            message = {"role": "assistant", "content": text}
            return self.send_json({"id": "chatcmpl-standin", "object": "chat.completion", "created": 1,
                                   "model": body["model"], "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]})
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.end_headers()
        for i, w in enumerate(text.split(" ")):
            chunk = {"id": "chatcmpl-standin", "object": "chat.completion.chunk", "created": 1, "model": body["model"],
                     "choices": [{"index": 0, "delta": {"content": w if i == 0 else " " + w}, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()
            time.sleep(0.12)
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
