import type { Socket } from 'node:net'

/**
 * Calls `onAnswer` with the head (status line and headers, latin1) and body of each HTTP/1.1
 * answer read from a keep-alive `socket`, in order. Answers carry a Content-Length (every
 * answer of this service does); a chunked one is not parsed.
 */
export function readAnswers(socket: Socket, onAnswer: (head: string, body: string) => void) {
  let buffer: Buffer = Buffer.alloc(0)
  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) as Buffer : chunk
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n')
      if (headerEnd < 0) return
      const head = buffer.subarray(0, headerEnd).toString('latin1')
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0)
      if (buffer.length < headerEnd + 4 + length) return
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')
      buffer = buffer.subarray(headerEnd + 4 + length)
      onAnswer(head, body)
    }
  })
}

/** The status code of an answer's head ("HTTP/1.1 503 Service Unavailable" → 503). */
export const statusOf = (head: string) => Number(head.slice(9, 12))
