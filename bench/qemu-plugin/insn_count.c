/*===- insn_count.c - QEMU plugin counting executed guest instructions ----===*
 *
 * Benchmarks measure generated code by the instructions it executes under
 * qemu-user. This plugin counts all of them and, on request, those of given
 * mnemonics (e.g. fmla in the GEMM benchmark):
 *
 *   qemu-aarch64 -plugin libinsn_count.so[,mnemonic=NAME]... -d plugin ...
 *
 * and at exit writes one line per counter through QEMU's log:
 *
 *   insns: <total>
 *   insns[NAME]: <count>
 *
 * The total is added once per executed translation block (its instruction
 * count, as an inline op), which is exact unless a block is left half-way by
 * a fault. Mnemonic counters add one per executed matching instruction.
 * Inline ops are plain, not atomic, adds: exact for a single-threaded guest.
 * On Hexagon QEMU translates whole packets, so a packet counts as one.
 *
 * With mem=on it also counts the bytes of every guest load and store (each
 * access's size, as QEMU performs it), in total and per address range given
 * as range=NAME:START:END (hex, END exclusive; up to 8, first match wins):
 *
 *   mem: loads <bytes> stores <bytes>
 *   mem[NAME]: loads <bytes> stores <bytes>
 *
 * The byte counts take a callback per access (slower than the inline adds).
 *===----------------------------------------------------------------------===*/

#include "qemu_plugin_api.h"

#include <dlfcn.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { MAX_MNEMONICS = 8, MAX_MNEMONIC_LENGTH = 64, MAX_RANGES = 8 };

struct mnemonic_counter {
  const char *name; /* points into argv, which QEMU keeps alive */
  size_t length;
  uint64_t executed;
};

static uint64_t executed_insns;
static struct mnemonic_counter mnemonics[MAX_MNEMONICS];
static int num_mnemonics;
struct byte_counter {
  uint64_t loaded, stored;
};

struct address_range {
  const char *name; /* points into argv */
  size_t name_length;
  uint64_t start, end;
  struct byte_counter bytes;
};

static int count_memory;
static struct byte_counter all_bytes;
static struct address_range ranges[MAX_RANGES];
static int num_ranges;

/* qemu_plugin_insn_disas() allocates with QEMU's g_malloc(); releasing with
 * QEMU's own g_free() spares the plugin a glib dependency. */
static void (*release_disas)(void *);

/* True if `word` is `m`'s name, alone or with a '.'-suffix: "vfmacc" matches
 * "vfmacc.vf", but "fmla" does not match "fmlal". */
static int is_mnemonic_word(const char *word,
                            const struct mnemonic_counter *m) {
  if (strncmp(word, m->name, m->length) != 0)
    return 0;
  char next = word[m->length];
  return next == '\0' || next == ' ' || next == '\t' || next == '.';
}

static const char *skip_blanks(const char *s) {
  while (*s == ' ' || *s == '\t')
    ++s;
  return s;
}

/* QEMU 7.2's RISC-V disassembler prints the encoding (4 or 8 hex digits)
 * before the mnemonic. Returns the word after such a prefix, or NULL. */
static const char *skip_encoding(const char *word) {
  size_t digits = strspn(word, "0123456789abcdefABCDEF");
  if ((digits != 4 && digits != 8) ||
      (word[digits] != ' ' && word[digits] != '\t'))
    return NULL;
  return skip_blanks(word + digits);
}

/* QEMU 7.2's AArch64 disassembler does not know the dot-product and
 * matrix-multiply extensions and prints them as ".byte ..."; such words are
 * named here from their encoding (Arm ARM, Advanced SIMD three-same extra,
 * vector x indexed element, matrix multiply). */
struct encoded_mnemonic {
  const char *name;
  uint32_t mask, value;
};
static const struct encoded_mnemonic aarch64_extensions[] = {
    {"sdot", 0xbf20fc00u, 0x0e809400u},  /* sdot v.4s, v.16b, v.16b */
    {"udot", 0xbf20fc00u, 0x2e809400u},
    {"sdot", 0xbfc0f400u, 0x0f80e000u},  /* sdot v.4s, v.16b, v.4b[i] */
    {"udot", 0xbfc0f400u, 0x2f80e000u},
    {"smmla", 0xffe0fc00u, 0x4e80a400u},
    {"ummla", 0xffe0fc00u, 0x6e80a400u},
    {"usmmla", 0xffe0fc00u, 0x4e80ac00u},
};

static int encoding_has_mnemonic(const struct qemu_plugin_insn *insn,
                                 const struct mnemonic_counter *m) {
  if (qemu_plugin_insn_size(insn) != 4)
    return 0;
  uint32_t word;
  memcpy(&word, qemu_plugin_insn_data(insn), 4); /* little-endian guest */
  for (size_t i = 0;
       i < sizeof(aarch64_extensions) / sizeof(aarch64_extensions[0]); ++i) {
    const struct encoded_mnemonic *e = &aarch64_extensions[i];
    if ((word & e->mask) == e->value && strlen(e->name) == m->length &&
        strncmp(e->name, m->name, m->length) == 0)
      return 1;
  }
  return 0;
}

/* The first word is tried before an encoding prefix is skipped, so that
 * mnemonics that read as hex (add, fadd) still match. */
static int disas_has_mnemonic(const struct qemu_plugin_insn *insn,
                              const char *disas,
                              const struct mnemonic_counter *m) {
  const char *word = skip_blanks(disas);
  if (is_mnemonic_word(word, m))
    return 1;
  if (strncmp(word, ".byte", 5) == 0)
    return encoding_has_mnemonic(insn, m);
  const char *after_encoding = skip_encoding(word);
  return after_encoding && is_mnemonic_word(after_encoding, m);
}

static void instrument_mnemonics(struct qemu_plugin_tb *tb, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
    char *disas = qemu_plugin_insn_disas(insn);
    if (!disas)
      continue;
    for (int k = 0; k < num_mnemonics; ++k)
      if (disas_has_mnemonic(insn, disas, &mnemonics[k]))
        qemu_plugin_register_vcpu_insn_exec_inline(
            insn, QEMU_PLUGIN_INLINE_ADD_U64, &mnemonics[k].executed, 1);
    release_disas(disas);
  }
}

static void on_memory_access(unsigned int vcpu_index,
                             qemu_plugin_meminfo_t info, uint64_t vaddr,
                             void *userdata) {
  (void)vcpu_index;
  (void)userdata;
  uint64_t size = (uint64_t)1 << qemu_plugin_mem_size_shift(info);
  int store = qemu_plugin_mem_is_store(info);
  struct byte_counter *counters[2] = {&all_bytes, NULL};
  for (int r = 0; r < num_ranges; ++r)
    if (vaddr >= ranges[r].start && vaddr < ranges[r].end) {
      counters[1] = &ranges[r].bytes;
      break;
    }
  for (int c = 0; c < 2 && counters[c]; ++c) {
    if (store)
      counters[c]->stored += size;
    else
      counters[c]->loaded += size;
  }
}

static void instrument_memory(struct qemu_plugin_tb *tb, size_t n) {
  for (size_t i = 0; i < n; ++i)
    qemu_plugin_register_vcpu_mem_cb(qemu_plugin_tb_get_insn(tb, i),
                                     on_memory_access, QEMU_PLUGIN_CB_NO_REGS,
                                     QEMU_PLUGIN_MEM_RW, NULL);
}

static void on_translate_block(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  (void)id;
  size_t n = qemu_plugin_tb_n_insns(tb);
  qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
                                           &executed_insns, n);
  if (num_mnemonics > 0)
    instrument_mnemonics(tb, n);
  if (count_memory)
    instrument_memory(tb, n);
}

static void report_counts(qemu_plugin_id_t id, void *userdata) {
  (void)id;
  (void)userdata;
  char line[128];
  snprintf(line, sizeof(line), "insns: %" PRIu64 "\n", executed_insns);
  qemu_plugin_outs(line);
  for (int k = 0; k < num_mnemonics; ++k) {
    snprintf(line, sizeof(line), "insns[%s]: %" PRIu64 "\n", mnemonics[k].name,
             mnemonics[k].executed);
    qemu_plugin_outs(line);
  }
  if (!count_memory)
    return;
  snprintf(line, sizeof(line), "mem: loads %" PRIu64 " stores %" PRIu64 "\n",
           all_bytes.loaded, all_bytes.stored);
  qemu_plugin_outs(line);
  for (int r = 0; r < num_ranges; ++r) {
    snprintf(line, sizeof(line),
             "mem[%.*s]: loads %" PRIu64 " stores %" PRIu64 "\n",
             (int)ranges[r].name_length, ranges[r].name,
             ranges[r].bytes.loaded, ranges[r].bytes.stored);
    qemu_plugin_outs(line);
  }
}

/* range=NAME:START:END with START and END in hex (0x optional). */
static int parse_range(const char *spec) {
  const char *colon = strchr(spec, ':');
  if (!colon || colon == spec || colon - spec > MAX_MNEMONIC_LENGTH)
    return -1;
  char *after_start, *after_end;
  uint64_t start = strtoull(colon + 1, &after_start, 16);
  if (*after_start != ':')
    return -1;
  uint64_t end = strtoull(after_start + 1, &after_end, 16);
  if (*after_end != '\0' || end <= start)
    return -1;
  if (num_ranges == MAX_RANGES) {
    fprintf(stderr, "insn_count: at most %d ranges\n", MAX_RANGES);
    return -1;
  }
  ranges[num_ranges++] = (struct address_range){
      spec, (size_t)(colon - spec), start, end, {0, 0}};
  return 0;
}

static int parse_argument(const char *arg) {
  static const char key[] = "mnemonic=";
  if (strcmp(arg, "mem=on") == 0) {
    count_memory = 1;
    return 0;
  }
  if (strncmp(arg, "range=", 6) == 0) {
    count_memory = 1;
    if (parse_range(arg + 6) == 0)
      return 0;
    fprintf(stderr, "insn_count: bad range in '%s' (range=NAME:START:END)\n",
            arg);
    return -1;
  }
  if (strncmp(arg, key, sizeof(key) - 1) != 0) {
    fprintf(stderr,
            "insn_count: unknown argument '%s' (expected mnemonic=NAME, "
            "mem=on or range=NAME:START:END)\n",
            arg);
    return -1;
  }
  const char *name = arg + sizeof(key) - 1;
  size_t length = strlen(name);
  if (length == 0 || length > MAX_MNEMONIC_LENGTH) {
    fprintf(stderr, "insn_count: bad mnemonic in '%s'\n", arg);
    return -1;
  }
  if (num_mnemonics == MAX_MNEMONICS) {
    fprintf(stderr, "insn_count: at most %d mnemonics\n", MAX_MNEMONICS);
    return -1;
  }
  mnemonics[num_mnemonics++] = (struct mnemonic_counter){name, length, 0};
  return 0;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info, int argc,
                                           char **argv) {
  for (int i = 0; i < argc; ++i)
    if (parse_argument(argv[i]) != 0)
      return -1;
  /* A Hexagon "instruction" here is a whole packet, disassembled as
   * "{ R1 = add(R1,#0x1); ... }": there is no mnemonic to match, and a count
   * of zero would mislead a benchmark. */
  if (num_mnemonics > 0 && strcmp(info->target_name, "hexagon") == 0) {
    fprintf(stderr, "insn_count: mnemonic counters are not supported for "
                    "hexagon (packets have no mnemonic)\n");
    return -1;
  }
  release_disas = (void (*)(void *))dlsym(RTLD_DEFAULT, "g_free");
  if (!release_disas)
    release_disas = free;
  qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate_block);
  qemu_plugin_register_atexit_cb(id, report_counts, NULL);
  return 0;
}
