/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * COM1 (16550, 115200 8n1, polled) and the 0xe9 debug port.
 * QEMU: -serial stdio (or -nographic) shows COM1; -debugcon file:F captures
 * port 0xe9.  '\n' goes out as "\r\n" on COM1 only.
 */
#include <stdbool.h>

#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/uart.h>

#define COM1		0x3f8
#define UART_THR	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LSR_THRE	0x20
#define LSR_DR		0x01	/* a received byte is waiting */
#define UART_RBR	0
#define DEBUGCON_PORT	0xe9

static bool uart_present;

void
uart_init(void)
{
	/*
	 * The scratch register (7) tells a real or emulated 16550 from an
	 * empty port, whose reads float to 0xff.
	 */
	outb(COM1 + 7, 0x5a);
	if (inb(COM1 + 7) != 0x5a)
		return;
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80);	/* DLAB: divisor 1 = 115200 baud */
	outb(COM1 + 0, 0x01);
	outb(COM1 + 1, 0x00);
	outb(COM1 + UART_LCR, 0x03);	/* 8n1 */
	outb(COM1 + UART_FCR, 0xc7);	/* FIFO on, cleared */
	outb(COM1 + UART_MCR, 0x03);
	uart_present = true;
}

static void
uart_putc(char c)
{
	/* Bounded wait: a wedged UART must not hang the kernel's log. */
	for (int i = 0; i < 100000; i++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_THR, (unsigned char)c);
}

void
uart_write(const char *buf, size_t len)
{
	if (!uart_present)
		return;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			uart_putc('\r');
		uart_putc(buf[i]);
	}
}

size_t
uart_read(char *buf, size_t len)
{
	size_t n = 0;

	while (uart_present && n < len && (inb(COM1 + UART_LSR) & LSR_DR))
		buf[n++] = (char)inb(COM1 + UART_RBR);
	return n;
}

void
debugcon_write(const char *buf, size_t len)
{
	/* One "rep outsb" costs one exit instead of one per byte. */
	__asm__ volatile("rep outsb"
	    : "+S"(buf), "+c"(len) : "d"(DEBUGCON_PORT) : "memory");
}
