[array([[ 0.5, -1. ],
       [ 2. ,  0.25],
       [-0.125, 1.5]], dtype=float32), array([0.1, -0.2], dtype=float32), array([[1.],
       [-1.]], dtype=float32), array([0.], dtype=float32)]
