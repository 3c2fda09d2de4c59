# AI-ANNE: parameters of a small network
w1 = [[-0.75323504, -0.25906014, 1.],
      [-0.46379513, -0.5019245 , .5]]   # kernel of layer 1
b1 = [0.53405946, 0.32578036, 0,]
w2 = [[0.1], [-2.5e-1], [3]]
b2 = [-0.01]
w1 = transpose(w1)
w2 = transpose(w2)
yout1 = dense(3, transpose(Xtest), w1, b1, 'relu')
yout2 = dense(1, yout1, w2, b2, "sigmoid")
