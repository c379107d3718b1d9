"""`python -m tests.bench.smtp_sink PORT`: an SMTP server that accepts and discards mail.

The bench measures how fast a worker sends, so the server at the other end should cost as
little as a real mail server does; aiosmtpd, which the tests use to look at each message,
spends more time per command than the worker under test. This one answers every command at
once (and commands sent together, RFC 2920 pipelining) and prints how many messages it took
when it is stopped.
"""

import asyncio
import signal
import sys

EHLO = b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n"


class Sink(asyncio.Protocol):
    messages = 0

    def connection_made(self, transport):
        self.transport, self.buffer, self.in_data = transport, b"", False
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        replies = []
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    break
                self.buffer, self.in_data = self.buffer[end + 5 :], False
                Sink.messages += 1
                replies.append(b"250 OK\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                break
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                replies.append(EHLO if verb == b"EHLO" else b"250 sink\r\n")
            elif verb == b"DATA":
                # The terminator search starts at the blank line DATA's reply asks for.
                self.buffer, self.in_data = b"\r\n" + self.buffer, True
                replies.append(b"354 go on\r\n")
            elif verb == b"QUIT":
                replies.append(b"221 bye\r\n")
                self.transport.write(b"".join(replies))
                self.transport.close()
                return
            else:
                replies.append(b"250 OK\r\n")
        if replies:
            self.transport.write(b"".join(replies))


async def main(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Sink, "127.0.0.1", port)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    print(Sink.messages, flush=True)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
