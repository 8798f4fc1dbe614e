// The fused optimizer updates as SIMD kernels (simd-assembler.ts). Each repeats, operation for operation and in
// the same order, the float32 ops of tfjs-core 4.x's optimizer (optimizers/*_optimizer.ts), so that the fused
// update gives the stock values bit for bit. Pointers: the inputs, then the outputs (same sizes).
import type { ElementwiseKernel } from './simd-assembler';

// Inputs: 0 value, 1 m, 2 v, 3 gradient. Outputs: 0 value, 1 m, 2 v. Scalars: 0 β1, 1 1−β1, 2 β2, 3 1−β2,
// 4 1−β1^t, 5 1−β2^t, 6 ε, 7 −learning rate. Temporaries: 0 gradient, 1 new m, 2 new v.
export const ADAM: ElementwiseKernel = {
  name: 'adam', inputs: 4, outputs: 3, scalars: 8, temporaries: 3,
  body: (e) => {
    e.load(3).set(0);
    e.load(1).scalar(0).op('mul').get(0).scalar(1).op('mul').op('add').set(1); // m·β1 + g·(1−β1)
    e.load(2).scalar(2).op('mul').get(0).get(0).op('mul').scalar(3).op('mul').op('add').set(2); // v·β2 + g²·(1−β2)
    e.store(1, () => e.get(1));
    e.store(2, () => e.get(2));
    // value + (m / (1−β1^t)) / (√(v / (1−β2^t)) + ε) · (−lr)
    e.store(0, () => e.get(1).scalar(4).op('div').get(2).scalar(5).op('div').op('sqrt').scalar(6).op('add').op('div')
      .scalar(7).op('mul').load(0).op('add'));
  },
};

// SGD: value + (−lr)·g. Inputs: 0 value, 1 gradient. Output: 0 value. Scalar: 0 −learning rate.
export const SGD: ElementwiseKernel = {
  name: 'sgd', inputs: 2, outputs: 1, scalars: 1, temporaries: 0,
  body: (e) => {
    e.store(0, () => e.scalar(0).load(1).op('mul').load(0).op('add'));
  },
};

// Momentum (not Nesterov): a' = momentum·a + g; value + (−lr)·a'. Inputs: 0 value, 1 accumulation, 2 gradient.
// Outputs: 0 value, 1 accumulation. Scalars: 0 momentum, 1 −learning rate. Temporary: 0 new accumulation.
export const MOMENTUM: ElementwiseKernel = {
  name: 'momentum', inputs: 3, outputs: 2, scalars: 2, temporaries: 1,
  body: (e) => {
    e.scalar(0).load(1).op('mul').load(2).op('add').set(0);
    e.store(1, () => e.get(0));
    e.store(0, () => e.scalar(1).get(0).op('mul').load(0).op('add'));
  },
};

// RMSProp (not centred): ms' = ms·decay + g²·(1−decay); mom' = mom·momentum + g·lr / √(ms' + ε); value − mom'.
// Inputs: 0 value, 1 mean square, 2 moment, 3 gradient. Outputs: 0 value, 1 mean square, 2 moment.
// Scalars: 0 decay, 1 1−decay, 2 momentum, 3 learning rate, 4 ε. Temporaries: 0 gradient, 1 ms', 2 mom'.
export const RMSPROP: ElementwiseKernel = {
  name: 'rmsprop', inputs: 4, outputs: 3, scalars: 5, temporaries: 3,
  body: (e) => {
    e.load(3).set(0);
    e.load(1).scalar(0).op('mul').get(0).get(0).op('mul').scalar(1).op('mul').op('add').set(1);
    e.load(2).scalar(2).op('mul').get(0).scalar(3).op('mul').get(1).scalar(4).op('add').op('sqrt').op('div').op('add').set(2);
    e.store(1, () => e.get(1));
    e.store(2, () => e.get(2));
    e.store(0, () => e.load(0).get(2).op('sub'));
  },
};
