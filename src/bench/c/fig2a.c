/*
 * The C SIMD anchor of issue 7: the paper's Fig. 2a line (additive, eps 0.2, lambda 0.1, x0 1,
 * T 1000, bound 1e8, 2^20 + 1 learning rates in [0, 1.5]) with glibc's 8-lane AVX-512 sin and
 * cos (libmvec), one trajectory per lane, dead lanes refilled at once, chunks of 256
 * trajectories pulled by THREADS pthreads. The same rule as brink's kernels: divergent at the
 * first t with !(f(x_t) <= B). Prints executed GD steps, seconds and steps/s, to compare with
 * `bin/brink bench --workload line-additive` in the same session (bin/bench-anchor runs both).
 * Usage: fig2a THREADS [bound]; "bound" takes the cosine only near the bound, as brink does.
 *
 * Build: gcc -O3 -march=native -pthread fig2a.c -o fig2a -lmvec -lm
 */
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

__m512d _ZGVeN8v_sin(__m512d);
__m512d _ZGVeN8v_cos(__m512d);

#define N ((1 << 20) + 1)
#define T 1000
#define CHUNK 256
static const double EPS = 0.2, LAMBDA = 0.1, X0 = 1.0, BOUND = 1e8;
static atomic_int next_chunk;
static int bound_mode;
static long steps_done[64];
static int divergent_count[64];

static double eta_of(int i) { return 1.5 * i / (N - 1); }

static void *worker(void *arg) {
  int id = (int) (long) arg;
  const double k = 2 * M_PI / LAMBDA;
  const __m512d kv = _mm512_set1_pd(k), ev = _mm512_set1_pd(EPS),
      ekv = _mm512_set1_pd(EPS * k), two = _mm512_set1_pd(2.0),
      lim = _mm512_set1_pd(BOUND);
  long steps = 0;
  int divergent = 0;
  for (int c = atomic_fetch_add(&next_chunk, 1); c * CHUNK < N;
       c = atomic_fetch_add(&next_chunk, 1)) {
    int from = c * CHUNK, to = from + CHUNK < N ? from + CHUNK : N, next = from;
    double x[8], eta[8];
    int t[8], live[8];
    for (int l = 0; l < 8; l++) {
      live[l] = next < to;
      x[l] = X0;
      eta[l] = live[l] ? eta_of(next++) : 0;
      t[l] = 0;
      if (!live[l]) x[l] = 0;
    }
    for (;;) {
      int any = 0, free = T;
      for (int l = 0; l < 8; l++) {
        if (live[l]) { any = 1; if (T - t[l] < free) free = T - t[l]; }
      }
      if (!any) break;
      __m512d xv = _mm512_loadu_pd(x), etav = _mm512_loadu_pd(eta);
      int i = 0;
      __mmask8 bad = 0;
      /* Steps every lane can take before one reaches T; the evaluation at i == free (or at a
         divergence) is repeated by the next round for the lanes that go on. */
      for (; i <= free; i++) {
        __m512d kx = _mm512_mul_pd(kv, xv);
        __m512d xx = _mm512_mul_pd(xv, xv);
        /* With "bound", the cosine is taken only when x^2 + eps, an upper bound of the loss,
           passes B (brink's SIMD kernel does the same); else on every step. */
        if (!bound_mode || _mm512_cmp_pd_mask(_mm512_add_pd(xx, ev), lim, _CMP_NLE_UQ)) {
          __m512d f = _mm512_fmadd_pd(ev, _ZGVeN8v_cos(kx), xx);
          bad = _mm512_cmp_pd_mask(f, lim, _CMP_NLE_UQ);
        }
        if (bad || i == free) break;
        __m512d g = _mm512_fnmadd_pd(ekv, _ZGVeN8v_sin(kx), _mm512_mul_pd(two, xv));
        xv = _mm512_fnmadd_pd(etav, g, xv);
      }
      _mm512_storeu_pd(x, xv);
      for (int l = 0; l < 8; l++) {
        if (!live[l]) continue;
        t[l] += i;
        int diverged = (bad >> l) & 1, done = t[l] == T;
        if (diverged || done) {
          steps += t[l];
          divergent += diverged;
          live[l] = next < to;
          x[l] = live[l] ? X0 : 0;
          eta[l] = live[l] ? eta_of(next++) : 0;
          t[l] = 0;
        }
      }
    }
  }
  steps_done[id] = steps;
  divergent_count[id] = divergent;
  return NULL;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 2;
  bound_mode = argc > 2 && strcmp(argv[2], "bound") == 0;
  double best = 1e9;
  long steps = 0;
  int divergent = 0;
  for (int run = 0; run < 4; run++) {
    struct timespec a, b;
    atomic_store(&next_chunk, 0);
    clock_gettime(CLOCK_MONOTONIC, &a);
    pthread_t th[64];
    for (int i = 0; i < threads; i++) pthread_create(&th[i], NULL, worker, (void *) (long) i);
    for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    steps = 0;
    divergent = 0;
    for (int i = 0; i < threads; i++) { steps += steps_done[i]; divergent += divergent_count[i]; }
    if (run > 0 && s < best) best = s;  /* run 0 warms up */
  }
  printf("c-simd%s line-additive %.3e steps/s  %.3f s  %ld GD steps  %d divergent  %d threads\n",
         bound_mode ? "-bound" : "", steps / best, best, steps, divergent, threads);
  return 0;
}
