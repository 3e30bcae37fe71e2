set terminal png size 900,520
set output '/work/main/docs/img/throughput.png'
set title 'Fresh durable transfers over HTTP, 2 cores (single-commit limit 4306/s)'
set xlabel 'concurrent connections'
set logscale x 2
set xrange [0.8:90]
set xtics (1, 2, 4, 8, 16, 32, 64, 128)
set ylabel 'transfers per second'
set y2label 'latency (ms)'
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
set key top left
set grid
plot '/work/main/docs/img/throughput.dat' using 1:2 with linespoints lw 2 pt 7 title 'throughput', \
     '/work/main/docs/img/throughput.dat' using 1:3 axes x1y2 with linespoints lw 2 pt 5 title 'p99 latency', \
     '/work/main/docs/img/throughput.dat' using 1:4 axes x1y2 with linespoints lw 1 pt 4 dt 2 title 'p50 latency', \
     4305.71 with lines dt 3 lw 2 title 'single-commit limit'
